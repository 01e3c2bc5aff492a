import { Tag } from 'antd';
import { Fragment } from 'react';
import { splitMentions } from '../../core/records/mentions.js';

/** Stored text with its @mentions (`@[name](id)`) shown as name tags instead of markup. */
export function MentionText({ text }: { text: string }) {
  return (
    <>
      {splitMentions(text).map((part, i) =>
        'text' in part ? (
          <Fragment key={i}>{part.text}</Fragment>
        ) : (
          <Tag key={i} color="blue" className="mention-tag" data-testid="mention">
            @{part.name}
          </Tag>
        ),
      )}
    </>
  );
}
