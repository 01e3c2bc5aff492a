import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { issueText } from '../../issues.js';
import { domIdOf, type BuilderIssue, type SectionDraft } from '../../templates/builder.js';

const PROPS = [
  'name',
  'description',
  'title',
  'label',
  'hint',
  'key',
  'zh',
  'en',
  'scale',
  'options',
  'skills',
  'value',
  'levels',
  'anchors',
  'min',
  'max',
  'maxLength',
  'managerOnly',
] as const;

function isProp(segment: string): segment is (typeof PROPS)[number] {
  return (PROPS as readonly string[]).includes(segment);
}

/**
 * Takes the user to where an issue is: the input at its path, or else the nearest part of the
 * builder that holds it (a field's options have no input of their own: their field's card).
 */
function jumpTo(path: (string | number)[]): void {
  for (let length = path.length; length > 0; length -= 1) {
    const element = document.getElementById(domIdOf(path.slice(0, length)));
    if (!element) continue;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element.focus({ preventScroll: true });
    return;
  }
}

/** Every problem of the template in the user's words, each a link to where it is. */
export function BuilderIssues({
  issues,
  sections,
}: {
  issues: BuilderIssue[];
  sections: SectionDraft[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();

  /** A path of the schema as the user knows it: section 2 › field 3 (its label) › label (EN). */
  function describe(path: (string | number)[]): string {
    const parts: string[] = [];
    let section: SectionDraft | undefined;
    for (let i = 0; i < path.length; i += 1) {
      const segment = path[i];
      const next = path[i + 1];
      if (segment === 'definition') continue;
      if (segment === 'sections' && typeof next === 'number') {
        section = sections[next];
        const title = section ? localized(section.title, language) : '';
        parts.push(
          t('builder.path.section', { n: String(next + 1) }) + (title ? ` (${title})` : ''),
        );
        i += 1;
      } else if (segment === 'fields' && typeof next === 'number') {
        const field = section?.fields[next];
        const label = field ? localized(field.label, language) || field.key : '';
        parts.push(t('builder.path.field', { n: String(next + 1) }) + (label ? ` (${label})` : ''));
        i += 1;
      } else if (typeof segment === 'number') {
        parts.push(t('builder.path.item', { n: String(segment + 1) }));
      } else if (segment !== undefined) {
        parts.push(isProp(segment) ? t(`builder.prop.${segment}`) : segment);
      }
    }
    return parts.join(' › ') || t('builder.path.template');
  }

  /** A key's form is the one rule of the builder worth its own words. */
  function issueWords(issue: BuilderIssue): string {
    return issue.code === 'bad_format' && issue.path.at(-1) === 'key'
      ? t('builder.issue.key')
      : issueText(t, issue);
  }

  return (
    <Alert
      className="form-alert"
      type="error"
      showIcon
      data-testid="template-issues"
      title={t('builder.invalid', { count: issues.length })}
      description={
        <ul className="list-value">
          {issues.map((issue, i) => (
            <li key={i}>
              <Button
                type="link"
                className="issue-link"
                data-testid="template-issue-link"
                onClick={() => jumpTo(issue.path)}
              >
                {describe(issue.path)}
              </Button>
              : {issueWords(issue)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
