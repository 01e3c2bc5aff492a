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
  /** the inputs' ids are this with `-zh` and `-en` (see `domIdOf`) */
  idBase?: string;
  /** a description: longer, on several lines */
  multiline?: boolean;
}

/**
 * One text in Chinese and, optionally, English (the Chinese shows where it is left empty), side
 * by side on wide screens and stacked on a phone.
 */
export function LocalizedInput(props: PairProps) {
  const { label, value, onChange, required, testId, idBase, multiline } = props;
  const { t } = useTranslation();
  const input = (lang: 'zh' | 'en') => {
    const common = {
      id: idBase && `${idBase}-${lang}`,
      'aria-label': `${label} (${t(`builder.lang.${lang}`)})`,
      'data-testid': testId ? `${testId}-${lang}` : undefined,
      value: value[lang],
      placeholder: lang === 'en' ? t('builder.lang.enOptional') : t('builder.lang.zh'),
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
      placeholder={lang === 'en' ? t('builder.lang.enOptional') : t('builder.lang.zh')}
      value={value[lang]}
      maxLength={LIMITS.label}
      onChange={(event) => onChange({ ...value, [lang]: event.target.value })}
    />
  ));
}
