import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../core/templates/model.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { noSettings, type FieldKind } from './kind.js';
import { asArray, blank, removeAt } from './values.js';

/** A list of short texts (strengths, next steps …). */
export const list: FieldKind<'list', null> = {
  Input: function ListInput({ field, value, onChange }) {
    const { t } = useTranslation();
    const language = useLanguage();
    const items = asArray<string>(value);
    return (
      <div className="list-input">
        {items.map((item, index) => (
          <div className="list-input-row" key={index}>
            <Input
              aria-label={`${localized(field.label, language)} ${index + 1}`}
              data-testid="list-item"
              value={item}
              maxLength={LIMITS.listItem}
              onChange={(event) =>
                onChange(items.map((x, i) => (i === index ? event.target.value : x)))
              }
            />
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.remove')}
              onClick={() => onChange(removeAt(items, index))}
            />
          </div>
        ))}
        <Button
          icon={<PlusOutlined />}
          data-testid="list-add"
          disabled={items.length >= LIMITS.listItems}
          onClick={() => onChange([...items, ''])}
        >
          {t('record.list.add')}
        </Button>
      </div>
    );
  },
  Display: ({ value }) => (
    <ul className="list-value">
      {asArray<string>(value).map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  ),
  normalize: (_field, value) => asArray<string>(value).filter((item) => !blank(item)),
  settings: noSettings(),
};
