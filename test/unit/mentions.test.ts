import { describe, expect, it } from 'vitest';
import { issueOf } from '../../src/core/issues.js';
import { commentInputSchema } from '../../src/core/records/api.js';
import { MAX_MENTIONS, mentionMarkup, shownText } from '../../src/core/records/mentions.js';
import { checkContent } from '../../src/core/templates/content.js';
import type { TemplateDefinition } from '../../src/core/templates/model.js';
import {
  applyEdit,
  draftOf,
  insertMention,
  markupOf,
  mentionQuery,
} from '../../src/web/components/mentionDraft.js';

const ID = '01920000-0000-7000-8000-000000000001';
const OTHER = '01920000-0000-7000-8000-000000000002';
const wang = mentionMarkup('王远勇', ID);

describe('mentions', () => {
  it('counts a mention as its name toward a length limit, on the server as in the editor', () => {
    const def: TemplateDefinition = {
      sections: [
        {
          key: 's',
          title: { zh: '一', en: 'One' },
          fields: [
            {
              key: 'summary',
              type: 'longText',
              label: { zh: '总结', en: 'Summary' },
              maxLength: 8,
              required: false,
              managerOnly: false,
              filledBy: 'interviewer',
            },
          ],
        },
      ],
    };
    const check = (summary: string) =>
      checkContent(def, { summary }, { author: 'interviewer', complete: false });
    // `请@王远勇看看` is 7 characters shown, 47 stored
    const fits = `请${wang}看看`;
    expect(shownText(fits)).toBe('请@王远勇看看');
    expect(fits.length).toBeGreaterThan(8);
    expect(check(fits)).toEqual([]);
    expect(check(`${fits}两字`)).toMatchObject([
      { field: 'summary', code: 'too_long', params: { max: 8 } },
    ]);
    expect(check('一二三四五六七八九')).toMatchObject([{ code: 'too_long' }]);
  });

  it('counts a comment the same way', () => {
    const body = `${wang}${'好'.repeat(5_000 - 4)}`;
    expect(commentInputSchema.safeParse({ body }).success).toBe(true);
    const tooLong = commentInputSchema.safeParse({ body: `${body}。` });
    expect(tooLong.success).toBe(false);
    expect(issueOf(tooLong.error!.issues[0]!)).toEqual({ code: 'too_long', params: { max: 5000 } });
  });

  it('bounds the mentions of one text, since their ids cost nothing against the length', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        mentionMarkup('王', `01920000-0000-7000-8000-${String(i).padStart(12, '0')}`),
      ).join(' ');
    expect(commentInputSchema.safeParse({ body: many(MAX_MENTIONS) }).success).toBe(true);
    const tooMany = commentInputSchema.safeParse({ body: many(MAX_MENTIONS + 1) });
    expect(issueOf(tooMany.error!.issues[0]!)).toEqual({
      code: 'too_many_mentions',
      params: { max: MAX_MENTIONS },
    });
  });

  it('shows the editor the names and keeps the ids aside, both ways', () => {
    const markup = `请${wang}和${mentionMarkup('李娜', OTHER)}看看`;
    const draft = draftOf(markup);
    expect(draft.text).toBe('请@王远勇和@李娜看看');
    expect(draft.mentions).toEqual([
      { start: 1, end: 5, name: '王远勇', employeeId: ID },
      { start: 6, end: 9, name: '李娜', employeeId: OTHER },
    ]);
    expect(markupOf(draft)).toBe(markup);
  });

  it('deletes a mention as one piece: backspace after it, delete before it, a selection into it', () => {
    const draft = draftOf(`请${wang}看看`);
    // backspace right after the mention: the text area lost its last character
    expect(applyEdit(draft, '请@王远看看', 4)).toEqual({
      draft: { text: '请看看', mentions: [] },
      caret: 1,
    });
    // delete right before it
    expect(applyEdit(draft, '请王远勇看看', 1).draft.text).toBe('请看看');
    // a selection from inside the mention to the end, replaced by typing
    expect(applyEdit(draft, '请@王好', 4).draft).toEqual({ text: '请好', mentions: [] });
  });

  it('keeps a mention whole when typing next to it, and moves it when typing before it', () => {
    const draft = draftOf(`${wang}看看`);
    const after = applyEdit(draft, '@王远勇，看看', 5);
    expect(markupOf(after.draft)).toBe(`${wang}，看看`);
    // an @ typed right before the mention's own @
    const before = applyEdit(draft, '@@王远勇看看', 1);
    expect(markupOf(before.draft)).toBe(`@${wang}看看`);
    expect(before.caret).toBe(1);
  });

  it('leaves a mention typed into as plain text: the name no longer names that person', () => {
    const draft = draftOf(wang);
    const edited = applyEdit(draft, '@王x远勇', 3);
    expect(edited.draft).toEqual({ text: '@王x远勇', mentions: [] });
  });

  it('finds the search being typed and replaces it with the chosen colleague', () => {
    const draft = draftOf(`${wang} 和 @wan`);
    expect(mentionQuery(draft, draft.text.length)).toEqual({ at: 7, query: 'wan' });
    // not inside a mention already made, nor across a space
    expect(mentionQuery(draft, 3)).toBeNull();
    expect(mentionQuery(draftOf('@wang yuan'), 10)).toBeNull();
    const chosen = insertMention(draft, { at: 7, query: 'wan' }, { id: OTHER, name: '王娜' });
    expect(chosen.draft.text).toBe('@王远勇 和 @王娜 ');
    expect(chosen.caret).toBe(chosen.draft.text.length);
    expect(markupOf(chosen.draft)).toBe(`${wang} 和 ${mentionMarkup('王娜', OTHER)} `);
  });
});
