/** Stable error codes: the client and the tests depend on these strings, never on messages. */
export const ERRORS = {
  VALIDATION: { status: 400, zh: '输入有误', en: 'Invalid input' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已暂时锁定',
    en: 'Too many failed sign-ins; the account is temporarily locked',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '会话已过期，请重新登录',
    en: 'Session expired; sign in again',
  },
  CSRF: {
    status: 403,
    zh: '请求来源校验失败，请刷新页面',
    en: 'Request check failed; reload the page',
  },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  SELF_GRANT: {
    status: 403,
    zh: '不能更改自己账号的角色，请由另一位管理员操作',
    en: 'You cannot change the roles of your own account; another administrator must do it',
  },
  TEMPLATE_OUT_OF_SCOPE: {
    status: 403,
    zh: '此模板属于您管辖范围之外，只能复制后修改',
    en: 'This template belongs to a scope beyond yours; copy it to make changes',
  },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests; try again later',
  },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码须为 8–64 个字符，且不能是常见密码',
    en: 'Passwords need 8–64 characters and must not be a common password',
  },
  ACTIVATION_INVALID: {
    status: 401,
    zh: '用户名或激活码错误，或激活码已失效（多次输错后作废），请联系人事部门重新发放',
    en: 'Wrong username or activation code, or the code is no longer valid (it is voided after too many wrong tries); ask HR for a new one',
  },
  ACTIVATION_EXPIRED: {
    status: 401,
    zh: '激活码已过期，请联系人事部门重新发放',
    en: 'This activation code has expired; ask HR for a new one',
  },
  PASSWORD_MISMATCH: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  CONFLICT: { status: 409, zh: '数据已被他人修改', en: 'Someone else changed this first' },
  DUPLICATE: { status: 409, zh: '已存在', en: 'Already exists' },
  IMPORT_INVALID: {
    status: 422,
    zh: '导入文件有错误，未写入任何数据',
    en: 'The import file has errors; nothing was written',
  },
  IMPORT_CHANGED: {
    status: 409,
    zh: '预览之后数据已变化，未写入任何数据。请重新预览后再确认导入',
    en: 'The data changed since the preview; nothing was written. Preview the file again, then confirm',
  },
  UNSUPPORTED_FILE: {
    status: 415,
    zh: '不支持的文件类型（请使用 XLSX 或 CSV）',
    en: 'Unsupported file type (use XLSX or CSV)',
  },
  UPLOAD_INVALID: {
    status: 400,
    zh: '上传内容不完整或格式有误，请重新上传',
    en: 'The upload is incomplete or malformed; upload the file again',
  },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'File too large' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型',
    en: 'Unsupported content type',
  },
  BAD_REQUEST: { status: 400, zh: '请求格式有误', en: 'Malformed request' },
  BAD_URL: { status: 400, zh: '网址格式有误', en: 'Malformed address' },
  URI_TOO_LONG: { status: 414, zh: '网址过长', en: 'The address is too long' },
  HEADERS_TOO_LARGE: { status: 431, zh: '请求头过大', en: 'The request headers are too large' },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时', en: 'The request took too long' },
  PRECONDITION_FAILED: {
    status: 412,
    zh: '内容已被他人更新，请先查看最新版本',
    en: 'This changed since you loaded it; review the current version first',
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    zh: '缺少版本号（If-Match），无法安全保存',
    en: 'The version (If-Match) is missing, so this cannot be saved safely',
  },
  TEMPLATE_BUILTIN: {
    status: 409,
    zh: '内置模板不可修改，请复制后编辑',
    en: 'Built-in templates cannot be changed; copy one and edit the copy',
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态下不能执行此操作',
    en: 'This cannot be done in the record’s current state',
  },
  CONTENT_INVALID: {
    status: 400,
    zh: '内容与模板不符',
    en: 'The content does not match its template',
  },
  MENTION_NOT_ALLOWED: {
    status: 422,
    zh: '不能 @ 管理员、高管或审计账号：他们不查看单条面谈内容',
    en: 'Administrator, executive and auditor accounts cannot be mentioned: they never read individual records',
  },
  COMMENT_AUDIENCE: {
    status: 422,
    zh: '此评论不能发给所选的读者',
    en: 'This comment cannot go to the chosen readers',
  },
  HANDOVER_TARGET: {
    status: 422,
    zh: '新的面谈人必须是负责该员工的经理或 HR',
    en: 'The new interviewer must be a manager or HR who holds this employee',
  },
  PDF_NOT_SUBMITTED: {
    status: 409,
    zh: '草稿没有 PDF：面谈记录提交后才能生成',
    en: 'A draft has no PDF; the record gets one once it is submitted',
  },
  NOT_A_PDF: { status: 415, zh: '请上传 PDF 文件', en: 'Upload a PDF file' },
  PDF_NOT_ISSUED: {
    status: 422,
    zh: '此 PDF 与系统签发的任何文件都不一致：可能已被修改',
    en: 'This PDF does not match any issued document; it may have been modified',
  },
  REAUTH_FAILED: {
    status: 422,
    zh: '密码不正确，未签署',
    en: 'The password is wrong; nothing was signed',
  },
  SIGNING_LOCKED: {
    status: 423,
    zh: '身份验证失败次数过多，签署已暂时锁定',
    en: 'Too many failed confirmations; signing is locked for a while',
  },
  ALREADY_SIGNED: {
    status: 409,
    zh: '您已签署过此记录',
    en: 'You have signed this record already',
  },
  NOT_SIGNING_PARTY: {
    status: 403,
    zh: '只有面谈员工本人与面谈人可以签署',
    en: 'Only the employee and the interviewer sign a record',
  },
  SIGNING_CHOICE: {
    status: 422,
    zh: '此签署选项不适用于您',
    en: 'This signing choice is not yours to make',
  },
  SIGNING_REASON_REQUIRED: {
    status: 400,
    zh: '有异议或拒签时须填写理由',
    en: 'A dissent or a refusal needs its reason',
  },
  HANDWRITING_INVALID: {
    status: 400,
    zh: '手写签名无效：须为不超过 300 KB 的非空 PNG 图片',
    en: 'The handwritten signature is not valid: a non-empty PNG of at most 300 KB is needed',
  },
  ARCHIVE_TOO_EARLY: {
    status: 409,
    zh: '拒签记录须在期限届满后才能归档',
    en: 'A refused record can be archived only once its deadline has passed',
  },
  // 503: the request is sound and can succeed later, when an authority answers
  TIMESTAMP_UNAVAILABLE: {
    status: 503,
    zh: '可信时间戳服务暂时无法访问，记录未归档，请稍后重试',
    en: 'The trusted timestamp authority cannot be reached; the record was not archived, try again later',
  },
  TEMPLATE_RETIRED: { status: 409, zh: '模板已停用', en: 'This template is retired' },
  RECORD_NOT_ARCHIVED: {
    status: 409,
    zh: '只有已归档的记录才能补充；未归档的记录请直接修改',
    en: 'Only an archived record takes an addendum; change a record that is not archived directly',
  },
  // 500: the request is sound; what the server has stored is not, and asking again cannot help
  INTEGRITY_FAILED: {
    status: 500,
    zh: '存储的数据未通过完整性校验，已记录并通知审计员',
    en: 'Stored data failed its integrity check; this has been logged and the auditors notified',
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    zh: '附件过大，超过了单个文件的大小上限',
    en: 'The attachment is larger than a file may be',
  },
  ATTACHMENT_LIMIT: {
    status: 409,
    zh: '此面谈记录的附件数量已达上限',
    en: 'This record already holds as many attachments as it may',
  },
  ATTACHMENT_TYPE_REFUSED: {
    status: 415,
    zh: '不支持此类附件（可上传 PDF、图片和 Office 文档）',
    en: 'This kind of file cannot be attached (PDF, images and Office documents can)',
  },
  ATTACHMENT_TYPE_MISMATCH: {
    status: 415,
    zh: '文件内容与文件扩展名不符',
    en: 'The file’s content does not match the extension of its name',
  },
  // 500 like INTEGRITY_FAILED: the stored file does not authenticate, and no byte of it is served
  ATTACHMENT_INTEGRITY_FAILED: {
    status: 500,
    zh: '附件未通过完整性校验，未提供下载，已记录并通知审计员',
    en: 'The attachment failed its integrity check and was not served; this has been logged and the auditors notified',
  },
  BACKUP_RUNNING: {
    status: 409,
    zh: '已有备份或校验正在进行，请稍后再试',
    en: 'A backup or verification is already running; try again when it ends',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export type Locale = 'zh-CN' | 'en-US';

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return locale === 'en-US' ? ERRORS[code].en : ERRORS[code].zh;
}

/** The one error type of the application: a stable code, its HTTP status, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ErrorCode, details?: unknown) {
    super(ERRORS[code].en);
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}
