import { describe, expect, it } from 'vitest';
import { fieldSchema } from '../../src/core/templates/model.js';
import type { RecordDocument } from '../../src/server/lib/pdf/document.js';
import { renderRecordPdf } from '../../src/server/lib/pdf/render.js';
import { handwritingPng, pdfFonts, pdfImageCount, pdfText, renderFirstPage } from '../pdf-tools.js';

const label = (zh: string, en = '') => ({ zh, en });
const field = (def: Record<string, unknown>) => fieldSchema.parse(def);
const HASH = 'a3'.repeat(32);

/** A record with one field of every type and two signatures, each with its handwriting. */
function fabricated(language: RecordDocument['language']): RecordDocument {
  return {
    language,
    timeZone: 'Asia/Shanghai',
    topic: '2026 年度绩效面谈（欧阳娜娜）',
    state: 'signed',
    basics: {
      employeeName: '欧阳娜娜',
      employeeNo: 'E100231',
      department: '一车间甲班组',
      position: '操作工',
      interviewer: '司马光',
      participants: ['诸葛亮'],
      interviewAt: '2026-12-01T02:00:00.000Z',
      place: '一车间会议室',
      placeKind: 'room',
      templateName: '年度绩效面谈',
      templateVersion: 2,
    },
    sections: [
      {
        title: '年度回顾',
        fields: [
          {
            def: field({ key: 'summary', type: 'longText', label: label('总结', 'Summary') }),
            value:
              '全年良品率稳定在 98.6%，@[诸葛亮](0190a1b2-0000-7000-8000-000000000001) 协助换型。',
          },
          {
            def: field({
              key: 'rating',
              type: 'rating',
              label: label('综合评级'),
              scale: [
                { value: 3, label: label('达到期望', 'Meets') },
                { value: 4, label: label('超出期望', 'Exceeds') },
              ],
            }),
            value: 4,
          },
          {
            def: field({ key: 'kpis', type: 'kpiTable', label: label('KPI') }),
            value: [
              { indicator: '良品率', target: '99%', actual: '98.6%', weight: 100, score: 88 },
            ],
          },
          {
            def: field({ key: 'wins', type: 'list', label: label('亮点') }),
            value: ['带教新人两名'],
          },
          {
            def: field({ key: 'goals', type: 'smartGoals', label: label('目标') }),
            value: [
              {
                specific: '掌握换型调试',
                measurable: '独立 3 次',
                achievable: '师傅带教',
                relevant: '柔性',
                deadline: '2027-06-30',
              },
            ],
          },
          {
            def: field({
              key: 'skills',
              type: 'skillMatrix',
              label: label('技能矩阵'),
              levels: 3,
              anchors: [label('学习中'), label('独立'), label('可带教')],
            }),
            value: [{ skill: '设备点检', current: 2, target: 3 }],
          },
          {
            def: field({
              key: 'track',
              type: 'choice',
              label: label('发展方向'),
              options: [
                { value: 'tech', label: label('技术专家') },
                { value: 'lead', label: label('班组长') },
              ],
            }),
            value: 'lead',
          },
          { def: field({ key: 'days', type: 'number', label: label('培训天数') }), value: 5 },
          {
            def: field({ key: 'next', type: 'date', label: label('下次面谈') }),
            value: '2027-06-01',
          },
        ],
      },
    ],
    feedback: [
      {
        def: field({
          key: 'reply',
          type: 'longText',
          label: label('员工意见'),
          filledBy: 'employee',
        }),
        value: '希望增加培训机会',
      },
    ],
    attachments: [{ name: '考核表-欧阳娜娜.pdf', sizeBytes: 48_213, sha256: 'b7'.repeat(32) }],
    signatures: [
      {
        name: '欧阳娜娜',
        role: 'employee',
        choice: 'disagree',
        reason: '评级未计入第四季度的加班',
        handwriting: handwritingPng(1),
        signedAt: '2026-12-02T03:04:05.000Z',
        ip: '10.1.2.3',
        device: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)',
        authMethod: 'password',
        recordSha256: HASH,
      },
      {
        name: '司马光',
        role: 'interviewer',
        choice: 'agree',
        reason: null,
        handwriting: handwritingPng(2),
        signedAt: '2026-12-02T05:06:07.000Z',
        ip: '10.1.2.4',
        device: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        authMethod: 'password+totp',
        recordSha256: HASH,
      },
    ],
    seal: {
      at: '2026-12-02T05:06:08.000Z',
      tsa: 'tsa.example.test',
      timestampAt: '2026-12-02T05:06:08.000Z',
    },
    events: [
      {
        at: '2026-12-01T01:00:00.000Z',
        actor: '司马光',
        action: 'record.created',
        ip: '10.1.2.4',
        device: 'Firefox',
      },
      {
        at: '2026-12-01T09:00:00.000Z',
        actor: '司马光',
        action: 'record.changed.submit',
        ip: '10.1.2.4',
        device: 'Firefox',
      },
    ],
    recordSha256: HASH,
    code: '7K3M9QX2RT',
    verifyUrl: 'https://miantan.example.test/verify/7K3M9QX2RT',
    issuedAt: '2026-12-03T00:00:00.000Z',
    issuedBy: '人力资源部 王芳',
  };
}

/** pdftotext -layout may put spaces between characters of a run; compare without them */
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('the record PDF renderer', () => {
  it('renders every field type, both signatures with their handwriting, the hash, the code and the evidence page', async () => {
    const pdf = await renderRecordPdf(fabricated('zh-CN'));
    const text = squeeze(pdfText(pdf));
    for (const words of [
      '2026年度绩效面谈（欧阳娜娜）',
      '员工：欧阳娜娜·已阅但有异议',
      '评级未计入第四季度的加班',
      '面谈人：司马光·同意',
      'password+totp',
      '@诸葛亮协助换型',
      '4·超出期望',
      '良品率',
      '2·独立',
      '班组长',
      '2027-06-01',
      '希望增加培训机会',
      '考核表-欧阳娜娜.pdf',
      'b7'.repeat(32),
      HASH,
      '7K3M9-QX2RT',
      '签署证据页',
      '提交给员工',
      '2026-12-0211:04:05UTC+8',
      'tsa.example.test',
    ])
      expect(text).toContain(squeeze(words));
    expect(text).not.toContain('0190a1b2');
    // two handwritten signatures and the QR code
    expect(pdfImageCount(pdf)).toBe(3);
    expect(
      pdfFonts(pdf).every((f) => f.name.includes('NotoSansHans') && f.embedded && f.subset),
    ).toBe(true);
    const page = renderFirstPage(pdf);
    expect(page.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(page.inked).toBeGreaterThan(0.005);
  });

  it('writes its own words in English on request, the record text as written', async () => {
    const text = squeeze(pdfText(await renderRecordPdf(fabricated('en-US'))));
    for (const words of [
      'Signing evidence',
      'Employee:欧阳娜娜·Read, but I disagree',
      'Interviewer:司马光·I agree',
      'Submitted to employee',
      '4·Exceeds',
    ])
      expect(text).toContain(squeeze(words));
    expect(text).not.toContain('签署证据页');
  });
});
