import type { PdfLanguage } from '../../../core/records/pdf.js';
import type { RecordState } from '../../../core/records/lifecycle.js';
import type { SignatureChoice } from './document.js';

/** The words of a record's PDF in both languages; the record's own text is never translated. */
export interface PdfLabels {
  title: string;
  basics: string;
  employee: string;
  employeeNo: string;
  department: string;
  position: string;
  interviewer: string;
  participants: string;
  interviewAt: string;
  place: string;
  placeKinds: Record<'room' | 'online', string>;
  template: string;
  templateVersion: (name: string, version: number) => string;
  state: string;
  states: Record<RecordState, string>;
  content: string;
  feedback: string;
  none: string;
  attachments: string;
  fileName: string;
  size: string;
  signatures: string;
  noSignatures: string;
  signer: string;
  /** between a label and its value in running text */
  colon: string;
  roles: Record<'employee' | 'interviewer', string>;
  choices: Record<SignatureChoice, string>;
  reason: string;
  signedAt: string;
  ip: string;
  device: string;
  authMethod: string;
  signedHash: string;
  seal: string;
  sealedAt: string;
  tsa: string;
  noTsa: string;
  verification: string;
  recordHash: string;
  code: string;
  verifyAt: string;
  issued: string;
  evidence: string;
  evidenceIntro: string;
  time: string;
  actor: string;
  action: string;
  noEvents: string;
  events: Record<string, string>;
  page: (n: number, total: number) => string;
  kpi: { indicator: string; target: string; actual: string; weight: string; score: string };
  goal: {
    specific: string;
    measurable: string;
    achievable: string;
    relevant: string;
    deadline: string;
  };
  skill: { skill: string; current: string; target: string };
}

const zh: PdfLabels = {
  title: '绩效面谈记录',
  basics: '基本信息',
  employee: '员工',
  employeeNo: '工号',
  department: '部门',
  position: '岗位',
  interviewer: '面谈人',
  participants: '参与人',
  interviewAt: '面谈时间',
  place: '地点',
  placeKinds: { room: '线下', online: '线上' },
  template: '模板',
  templateVersion: (name, version) => `${name}（第 ${version} 版）`,
  state: '状态',
  states: {
    draft: '草稿',
    submitted: '待员工确认',
    employeeSigned: '员工已签署',
    signed: '双方已签署',
    refused: '员工拒签',
    archived: '已归档',
  },
  content: '面谈内容',
  feedback: '员工反馈',
  none: '—',
  attachments: '附件',
  fileName: '文件名',
  size: '大小',
  signatures: '签名',
  noSignatures: '尚无签名',
  signer: '签署人',
  colon: '：',
  roles: { employee: '员工', interviewer: '面谈人' },
  choices: { agree: '同意', disagree: '已阅但有异议', refuse: '拒签' },
  reason: '理由',
  signedAt: '签署时间',
  ip: 'IP 地址',
  device: '设备',
  authMethod: '认证方式',
  signedHash: '签署时的记录哈希',
  seal: '平台封存',
  sealedAt: '封存时间',
  tsa: '可信时间戳',
  noTsa: '未配置时间戳机构',
  verification: '记录校验',
  recordHash: '记录哈希（SHA-256）',
  code: '验证码',
  verifyAt: '扫描二维码或访问以下地址，上传本文件或输入验证码进行核验：',
  issued: '生成',
  evidence: '签署证据页',
  evidenceIntro: '签署人的认证证据，以及取自系统审计日志的本记录事件链。',
  time: '时间',
  actor: '操作人',
  action: '事件',
  noEvents: '无事件',
  events: {
    'record.created': '创建记录',
    'record.changed.submit': '提交给员工',
    'record.changed.withdraw': '撤回',
    'record.changed.feedback': '员工反馈',
    'record.changed.return': '员工退回',
    'record.changed.employeeSign': '员工签署',
    'record.changed.refuse': '员工拒签',
    'record.changed.interviewerSign': '面谈人签署',
    'record.changed.reopen': '重新打开',
    'record.changed.edit': '保存',
    'record.handed_over': '转交给新面谈人',
    'record.signature_voided': '签名作废',
    'record.sealed': '平台封存',
    'record.archived': '归档',
  },
  page: (n, total) => `第 ${n} 页 / 共 ${total} 页`,
  kpi: { indicator: '指标', target: '目标', actual: '实际', weight: '权重 %', score: '得分' },
  goal: {
    specific: '具体目标',
    measurable: '可衡量',
    achievable: '可实现',
    relevant: '相关性',
    deadline: '截止日期',
  },
  skill: { skill: '技能', current: '当前等级', target: '目标等级' },
};

const en: PdfLabels = {
  title: 'Performance interview record',
  basics: 'Basic information',
  employee: 'Employee',
  employeeNo: 'Employee no.',
  department: 'Department',
  position: 'Position',
  interviewer: 'Interviewer',
  participants: 'Participants',
  interviewAt: 'Interview time',
  place: 'Place',
  placeKinds: { room: 'In person', online: 'Online' },
  template: 'Template',
  templateVersion: (name, version) => `${name} (version ${version})`,
  state: 'State',
  states: {
    draft: 'Draft',
    submitted: 'Awaiting employee',
    employeeSigned: 'Signed by employee',
    signed: 'Signed',
    refused: 'Refused',
    archived: 'Archived',
  },
  content: 'Interview content',
  feedback: 'Employee feedback',
  none: '—',
  attachments: 'Attachments',
  fileName: 'File name',
  size: 'Size',
  signatures: 'Signatures',
  noSignatures: 'Not signed yet',
  signer: 'Signer',
  colon: ': ',
  roles: { employee: 'Employee', interviewer: 'Interviewer' },
  choices: { agree: 'I agree', disagree: 'Read, but I disagree', refuse: 'Refused to sign' },
  reason: 'Reason',
  signedAt: 'Signed at',
  ip: 'IP address',
  device: 'Device',
  authMethod: 'Authentication',
  signedHash: 'Hash it signed',
  seal: 'Platform seal',
  sealedAt: 'Sealed at',
  tsa: 'Trusted timestamp',
  noTsa: 'No timestamp authority configured',
  verification: 'Verification',
  recordHash: 'Record hash (SHA-256)',
  code: 'Verification code',
  verifyAt: 'Scan the QR code or open this address, then upload this file or enter the code:',
  issued: 'Generated',
  evidence: 'Signing evidence',
  evidenceIntro:
    "Each signer's evidence, and the record's chain of events from the system's audit log.",
  time: 'Time',
  actor: 'By',
  action: 'Event',
  noEvents: 'No events',
  events: {
    'record.created': 'Created',
    'record.changed.submit': 'Submitted to employee',
    'record.changed.withdraw': 'Withdrawn',
    'record.changed.feedback': 'Employee feedback',
    'record.changed.return': 'Sent back by employee',
    'record.changed.employeeSign': 'Signed by employee',
    'record.changed.refuse': 'Refused by employee',
    'record.changed.interviewerSign': 'Signed by interviewer',
    'record.changed.reopen': 'Reopened',
    'record.changed.edit': 'Saved',
    'record.handed_over': 'Handed over',
    'record.signature_voided': 'Signature voided',
    'record.sealed': 'Sealed by the platform',
    'record.archived': 'Archived',
  },
  page: (n, total) => `Page ${n} of ${total}`,
  kpi: {
    indicator: 'Indicator',
    target: 'Target',
    actual: 'Actual',
    weight: 'Weight %',
    score: 'Score',
  },
  goal: {
    specific: 'Specific',
    measurable: 'Measurable',
    achievable: 'Achievable',
    relevant: 'Relevant',
    deadline: 'Deadline',
  },
  skill: { skill: 'Skill', current: 'Current level', target: 'Target level' },
};

export const PDF_LABELS: Record<PdfLanguage, PdfLabels> = { 'zh-CN': zh, 'en-US': en };
