import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatCode } from '../../../core/records/pdf.js';
import type { DocumentField, DocumentSignature, RecordDocument } from './document.js';
import { fieldBlock, localText, type FieldBlock } from './fields.js';
import { FONT, registerFonts } from './fonts.js';
import { formatInstant, formatSize } from './format.js';
import { PDF_LABELS, type PdfLabels } from './labels.js';

const MARGINS = { top: 64, bottom: 60, left: 54, right: 54 };
const COLOR = { text: '#1f1f1f', muted: '#595959', rule: '#bfbfbf', fill: '#f0f0f0' };
const SIZE = { title: 17, heading: 12.5, body: 10, small: 8.5 };
const LABEL_WIDTH = 116;
/** a user agent is long and says little past its first words; the stored one is kept whole */
const DEVICE_CHARS = 90;

type Pdf = PDFKit.PDFDocument;

interface Writer {
  pdf: Pdf;
  labels: PdfLabels;
  doc: RecordDocument;
  left: number;
  width: number;
}

/**
 * The record's PDF: A4, a running header with the topic, page numbers, every text run in the
 * embedded CJK font. Sections follow the record (basic info, content, feedback, attachments,
 * signatures, verification), then the signing evidence page.
 */
export async function renderRecordPdf(doc: RecordDocument): Promise<Buffer> {
  const labels = PDF_LABELS[doc.language];
  const qr = await QRCode.toBuffer(doc.verifyUrl, {
    type: 'png',
    margin: 1,
    width: 264,
    errorCorrectionLevel: 'M',
  });
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: doc.language,
    displayTitle: true,
    info: { Title: `${labels.title} · ${doc.topic}`, Creator: 'Miantan', Producer: 'Miantan' },
  });
  const bytes = collect(pdf);
  registerFonts(pdf);
  const w: Writer = {
    pdf,
    labels,
    doc,
    left: MARGINS.left,
    width: pdf.page.width - MARGINS.left - MARGINS.right,
  };

  title(w);
  basics(w);
  heading(w, labels.content);
  for (const section of doc.sections) {
    subheading(w, section.title);
    fields(w, section.fields);
  }
  heading(w, labels.feedback);
  if (doc.feedback.length === 0) paragraph(w, labels.none);
  else fields(w, doc.feedback);
  attachments(w);
  signatures(w);
  verification(w, qr);
  evidencePage(w);
  pageFurniture(w);
  pdf.end();
  return bytes;
}

function collect(pdf: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function bottom(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit on this one. */
function ensure({ pdf }: Writer, height: number) {
  if (pdf.y + height > bottom(pdf)) pdf.addPage();
}

function font(w: Writer, bold: boolean, size: number, color = COLOR.text) {
  w.pdf
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(size)
    .fillColor(color);
}

function title(w: Writer) {
  font(w, true, SIZE.title);
  w.pdf.text(w.doc.topic, w.left, w.pdf.y, { width: w.width });
  font(w, false, SIZE.small, COLOR.muted);
  w.pdf.text(
    `${w.labels.title} · ${w.labels.state}: ${w.labels.states[w.doc.state]} · ${w.labels.issued} ${formatInstant(w.doc.issuedAt, w.doc.timeZone)} · ${w.doc.issuedBy}`,
    w.left,
    w.pdf.y + 2,
    { width: w.width },
  );
  w.pdf.moveDown(0.6);
}

function heading(w: Writer, text: string) {
  ensure(w, 60);
  w.pdf.moveDown(0.6);
  font(w, true, SIZE.heading);
  w.pdf.text(text, w.left, w.pdf.y, { width: w.width });
  const y = w.pdf.y + 2;
  w.pdf
    .moveTo(w.left, y)
    .lineTo(w.left + w.width, y)
    .lineWidth(0.6)
    .strokeColor(COLOR.rule)
    .stroke();
  w.pdf.y = y + 6;
}

function subheading(w: Writer, text: string) {
  ensure(w, 40);
  w.pdf.moveDown(0.3);
  font(w, true, SIZE.body + 0.5);
  w.pdf.text(text, w.left, w.pdf.y, { width: w.width });
  w.pdf.moveDown(0.2);
}

function paragraph(w: Writer, text: string, color = COLOR.text) {
  font(w, false, SIZE.body, color);
  w.pdf.text(text, w.left, w.pdf.y, { width: w.width });
  w.pdf.moveDown(0.3);
}

/** A label beside its value; the value wraps in its own column. */
function row(w: Writer, label: string, value: string) {
  const { pdf } = w;
  const valueWidth = w.width - LABEL_WIDTH;
  font(w, false, SIZE.body);
  const height = Math.max(
    pdf.heightOfString(label, { width: LABEL_WIDTH - 8 }),
    pdf.heightOfString(value, { width: valueWidth }),
  );
  ensure(w, Math.min(height, 120));
  const y = pdf.y;
  font(w, false, SIZE.body, COLOR.muted);
  pdf.text(label, w.left, y, { width: LABEL_WIDTH - 8 });
  const page = pdf.page;
  font(w, false, SIZE.body);
  pdf.text(value, w.left + LABEL_WIDTH, y, { width: valueWidth });
  // a value that ran onto the next page leaves y there
  pdf.y = pdf.page === page ? Math.max(pdf.y, y + height) + 3 : pdf.y + 3;
}

function basics(w: Writer) {
  const { labels: l, doc } = w;
  const b = doc.basics;
  heading(w, l.basics);
  row(w, l.employee, b.employeeName);
  row(w, l.employeeNo, b.employeeNo);
  row(w, l.department, b.department);
  row(w, l.position, b.position ?? l.none);
  row(w, l.interviewer, b.interviewer);
  row(w, l.participants, b.participants.length > 0 ? b.participants.join('、') : l.none);
  row(w, l.interviewAt, formatInstant(b.interviewAt, doc.timeZone, false));
  row(w, l.place, `${b.place}（${l.placeKinds[b.placeKind]}）`);
  row(w, l.template, l.templateVersion(b.templateName, b.templateVersion));
  row(w, l.state, l.states[doc.state]);
}

function fields(w: Writer, list: DocumentField[]) {
  for (const field of list) {
    ensure(w, 36);
    font(w, true, SIZE.body);
    w.pdf.text(localText(field.def.label, w.doc.language), w.left, w.pdf.y, { width: w.width });
    w.pdf.moveDown(0.15);
    block(w, fieldBlock(field, w.labels, w.doc.language));
    w.pdf.moveDown(0.4);
  }
}

function block(w: Writer, b: FieldBlock) {
  switch (b.kind) {
    case 'text':
      paragraph(w, b.text);
      return;
    case 'list':
      font(w, false, SIZE.body);
      for (const item of b.items) {
        ensure(w, 16);
        w.pdf.text(`•  ${item}`, w.left + 6, w.pdf.y, { width: w.width - 6 });
        w.pdf.moveDown(0.2);
      }
      return;
    case 'table': {
      const total = b.columns.reduce((s, c) => s + c.weight, 0);
      table(
        w,
        b.columns.map((c) => ({ header: c.header, width: (w.width * c.weight) / total })),
        b.rows,
      );
      return;
    }
  }
}

const PAD = 4;

/** A ruled table; its header row is repeated on each page it runs onto. */
function table(w: Writer, columns: { header: string; width: number }[], rows: string[][]) {
  const { pdf } = w;
  const heightOf = (cells: string[]) =>
    Math.max(
      ...cells.map((c, i) => pdf.heightOfString(c, { width: columns[i]!.width - 2 * PAD })),
    ) +
    2 * PAD;
  const draw = (cells: string[], header: boolean) => {
    font(w, header, SIZE.small + 0.5);
    const height = heightOf(cells);
    const y = pdf.y;
    let x = w.left;
    cells.forEach((cell, i) => {
      const width = columns[i]!.width;
      if (header) pdf.rect(x, y, width, height).fill(COLOR.fill);
      pdf.rect(x, y, width, height).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
      font(w, header, SIZE.small + 0.5);
      pdf.text(cell, x + PAD, y + PAD, { width: width - 2 * PAD });
      x += width;
    });
    pdf.y = y + height;
  };
  const headers = columns.map((c) => c.header);
  font(w, true, SIZE.small + 0.5);
  ensure(w, heightOf(headers) + 24);
  draw(headers, true);
  for (const cells of rows) {
    font(w, false, SIZE.small + 0.5);
    if (pdf.y + heightOf(cells) > bottom(pdf)) {
      pdf.addPage();
      draw(headers, true);
    }
    draw(cells, false);
  }
  pdf.x = w.left;
  pdf.moveDown(0.3);
}

function attachments(w: Writer) {
  const { labels: l, doc } = w;
  heading(w, l.attachments);
  if (doc.attachments.length === 0) {
    paragraph(w, l.none);
    return;
  }
  table(
    w,
    [
      { header: l.fileName, width: w.width * 0.36 },
      { header: l.size, width: w.width * 0.14 },
      { header: 'SHA-256', width: w.width * 0.5 },
    ],
    doc.attachments.map((a) => [a.name, formatSize(a.sizeBytes, doc.language), a.sha256]),
  );
}

function signatureLine(l: PdfLabels, s: DocumentSignature) {
  return `${l.roles[s.role]}${l.colon}${s.name} · ${l.choices[s.choice]}`;
}

function signatures(w: Writer) {
  const { labels: l, doc, pdf } = w;
  heading(w, l.signatures);
  if (doc.signatures.length === 0) paragraph(w, l.noSignatures, COLOR.muted);
  for (const s of doc.signatures) {
    ensure(w, 200);
    font(w, true, SIZE.body + 0.5);
    pdf.text(signatureLine(l, s), w.left, pdf.y, { width: w.width });
    pdf.moveDown(0.2);
    const y = pdf.y;
    pdf.image(s.handwriting, w.left + LABEL_WIDTH, y, { fit: [200, 70] });
    pdf
      .moveTo(w.left + LABEL_WIDTH, y + 72)
      .lineTo(w.left + LABEL_WIDTH + 200, y + 72)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    pdf.y = y + 78;
    if (s.reason) row(w, l.reason, s.reason);
    row(w, l.signedAt, formatInstant(s.signedAt, doc.timeZone));
    row(w, l.ip, s.ip ?? l.none);
    row(w, l.device, device(s.device, l));
    row(w, l.authMethod, s.authMethod);
    row(w, l.signedHash, s.recordSha256);
    pdf.moveDown(0.5);
  }
  if (doc.seal) {
    subheading(w, l.seal);
    row(w, l.sealedAt, formatInstant(doc.seal.at, doc.timeZone));
    const { tsa, timestampAt } = doc.seal;
    row(
      w,
      l.tsa,
      tsa && timestampAt ? `${tsa} · ${formatInstant(timestampAt, doc.timeZone)}` : l.noTsa,
    );
  }
}

function device(value: string | null, l: PdfLabels): string {
  if (!value) return l.none;
  return value.length > DEVICE_CHARS ? `${value.slice(0, DEVICE_CHARS)}…` : value;
}

function verification(w: Writer, qr: Buffer) {
  const { labels: l, doc, pdf } = w;
  const qrSize = 104;
  heading(w, l.verification);
  ensure(w, qrSize + 20);
  const top = pdf.y;
  pdf.image(qr, w.left + w.width - qrSize, top, { width: qrSize, height: qrSize });
  const textWidth = w.width - qrSize - 16;
  font(w, false, SIZE.body, COLOR.muted);
  pdf.text(l.recordHash, w.left, top, { width: textWidth });
  font(w, false, SIZE.body);
  pdf.text(doc.recordSha256, w.left, pdf.y + 1, { width: textWidth });
  font(w, false, SIZE.body, COLOR.muted);
  pdf.text(l.code, w.left, pdf.y + 6, { width: textWidth });
  font(w, true, SIZE.heading);
  pdf.text(formatCode(doc.code), w.left, pdf.y + 1, { width: textWidth });
  font(w, false, SIZE.small, COLOR.muted);
  pdf.text(l.verifyAt, w.left, pdf.y + 6, { width: textWidth });
  font(w, false, SIZE.small);
  pdf.text(doc.verifyUrl, w.left, pdf.y + 1, { width: textWidth, link: doc.verifyUrl });
  pdf.y = Math.max(pdf.y, top + qrSize) + 6;
}

/** 签署证据页: each signer's evidence, then the record's events, on a page of their own. */
function evidencePage(w: Writer) {
  const { labels: l, doc, pdf } = w;
  pdf.addPage();
  font(w, true, SIZE.title);
  pdf.text(l.evidence, w.left, pdf.y, { width: w.width });
  font(w, false, SIZE.small, COLOR.muted);
  pdf.text(`${doc.topic} · ${l.recordHash}: ${doc.recordSha256}`, w.left, pdf.y + 2, {
    width: w.width,
  });
  pdf.moveDown(0.3);
  paragraph(w, l.evidenceIntro, COLOR.muted);
  heading(w, l.signatures);
  if (doc.signatures.length === 0) paragraph(w, l.noSignatures, COLOR.muted);
  else
    table(
      w,
      [
        { header: l.signer, width: w.width * 0.2 },
        { header: l.signedAt, width: w.width * 0.2 },
        { header: l.ip, width: w.width * 0.14 },
        { header: l.device, width: w.width * 0.3 },
        { header: l.authMethod, width: w.width * 0.16 },
      ],
      doc.signatures.map((s) => [
        signatureLine(l, s),
        formatInstant(s.signedAt, doc.timeZone),
        s.ip ?? l.none,
        device(s.device, l),
        s.authMethod,
      ]),
    );
  heading(w, l.action);
  if (doc.events.length === 0) paragraph(w, l.noEvents, COLOR.muted);
  else
    table(
      w,
      [
        { header: l.time, width: w.width * 0.2 },
        { header: l.actor, width: w.width * 0.16 },
        { header: l.action, width: w.width * 0.18 },
        { header: l.ip, width: w.width * 0.14 },
        { header: l.device, width: w.width * 0.32 },
      ],
      doc.events.map((e) => [
        formatInstant(e.at, doc.timeZone),
        e.actor,
        l.events[e.action] ?? e.action,
        e.ip ?? l.none,
        device(e.device, l),
      ]),
    );
}

/** The header (title and topic) and footer (code and page number) of every page. */
function pageFurniture(w: Writer) {
  const { pdf, labels: l, doc } = w;
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    // text below the bottom margin would start a new page: the margin is lifted while writing
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    font(w, false, SIZE.small, COLOR.muted);
    pdf.text(`${l.title} · ${doc.topic}`, w.left, 30, {
      width: w.width,
      lineBreak: false,
      ellipsis: true,
    });
    pdf
      .moveTo(w.left, 46)
      .lineTo(w.left + w.width, 46)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    const y = pdf.page.height - 40;
    pdf.text(`${l.code} ${formatCode(doc.code)}`, w.left, y, { width: w.width, lineBreak: false });
    pdf.text(l.page(i + 1, range.count), w.left, y, {
      width: w.width,
      align: 'right',
      lineBreak: false,
    });
    pdf.page.margins.bottom = margin;
  }
}
