import { Col, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Localized } from '../../../core/templates/model.js';
import { LIMITS } from '../../../core/templates/model.js';

/** A pair of texts as the builder holds it: either may still be empty. */
export type LocalizedDraft = Localized;

interface PairProps {
  label: string;
  value: LocalizedDraft;
  onChange: (value: LocalizedDraft) => void;
  required?: boolean;
  testId?: string;
  /** a description: longer, on several lines */
  multiline?: boolean;
}

/** One text in both languages, side by side on wide screens and stacked on a phone. */
export function LocalizedInput({ label, value, onChange, required, testId, multiline }: PairProps) {
  const { t } = useTranslation();
  const input = (lang: 'zh' | 'en') => {
    const common = {
      'aria-label': `${label} (${t(`builder.lang.${lang}`)})`,
      'data-testid': testId ? `${testId}-${lang}` : undefined,
      value: value[lang],
      placeholder: t(`builder.lang.${lang}`),
    };
    return multiline ? (
      <Input.TextArea
        {...common}
        rows={2}
        className="auto-grow"
        maxLength={LIMITS.description}
        onChange={(event) => onChange({ ...value, [lang]: event.target.value })}
      />
    ) : (
      <Input
        {...common}
        maxLength={LIMITS.label}
        onChange={(event) => onChange({ ...value, [lang]: event.target.value })}
      />
    );
  };
  return (
    <div className="stacked-label">
      <span>
        {required && <span className="required-mark">*</span>}
        {label}
      </span>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={12}>
          {input('zh')}
        </Col>
        <Col xs={24} md={12}>
          {input('en')}
        </Col>
      </Row>
    </div>
  );
}

/** The two inputs of a short label inside a row of options (a level, an option, a skill). */
export function LabelPair({
  name,
  value,
  onChange,
}: {
  name: string;
  value: LocalizedDraft;
  onChange: (value: LocalizedDraft) => void;
}) {
  const { t } = useTranslation();
  return (['zh', 'en'] as const).map((lang) => (
    <Input
      key={lang}
      aria-label={`${name} (${t(`builder.lang.${lang}`)})`}
      placeholder={t(`builder.lang.${lang}`)}
      value={value[lang]}
      maxLength={LIMITS.label}
      onChange={(event) => onChange({ ...value, [lang]: event.target.value })}
    />
  ));
}
