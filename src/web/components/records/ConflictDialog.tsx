import { Alert, Button, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateDefinition } from '../../../core/templates/model.js';
import { formatDateTimeShort } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { changedKeys } from '../../records/content.js';
import { ChangeValue, useChangeLabel } from './ChangeValue.js';

interface Props {
  open: boolean;
  definition: TemplateDefinition;
  /** flat, normalized values: what my draft started from, my draft, the server's current version */
  base: Record<string, unknown>;
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  theirsRevision: number;
  theirsUpdatedAt: string;
  /** false when the record left the draft state: mine can no longer be saved */
  canKeepMine: boolean;
  nameOf: (employeeId: string) => string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

const shortName = (flatKey: string) => flatKey.slice(flatKey.indexOf('.') + 1);

/**
 * Someone saved this record after I loaded it. Shows, per field I changed, the saved version beside
 * mine; fields only they changed are listed and kept. Nothing is overwritten without a choice.
 */
export function ConflictDialog(props: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labelOf = useChangeLabel(props.definition);
  const { base, mine, theirs } = props;
  const myChanges = changedKeys(base, mine);
  const theirChanges = changedKeys(base, theirs);
  const theirsOnly = theirChanges.filter((key) => !myChanges.includes(key));

  return (
    <Modal
      open={props.open}
      title={t('record.conflict.title')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={880}
      footer={
        <div className="modal-footer-wrap">
          <Button data-testid="conflict-take-theirs" onClick={props.onTakeTheirs}>
            {t('record.conflict.takeTheirs')}
          </Button>
          <Button
            type="primary"
            data-testid="conflict-keep-mine"
            disabled={!props.canKeepMine}
            onClick={props.onKeepMine}
          >
            {t('record.conflict.keepMine')}
          </Button>
        </div>
      }
    >
      <div data-testid="conflict-dialog">
        <p>
          {t('record.conflict.intro', {
            revision: String(props.theirsRevision),
            time: formatDateTimeShort(props.theirsUpdatedAt, language),
          })}
        </p>
        {!props.canKeepMine && (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            title={t('record.conflict.cannotKeep')}
          />
        )}
        {myChanges.length === 0 && <p className="muted">{t('record.conflict.noChangesOfMine')}</p>}
        {myChanges.map((key) => {
          const name = shortName(key);
          const bothChanged = theirChanges.includes(key);
          return (
            <div key={key} className="conflict-row" data-testid="conflict-row">
              <div className="conflict-row-head">
                <strong>{labelOf(name)}</strong>
                {bothChanged && <Tag color="red">{t('record.conflict.bothChanged')}</Tag>}
              </div>
              <div className="conflict-columns">
                <div className="conflict-column conflict-theirs">
                  <div className="conflict-column-title">{t('record.conflict.theirs')}</div>
                  <ChangeValue
                    name={name}
                    value={theirs[key]}
                    definition={props.definition}
                    nameOf={props.nameOf}
                  />
                </div>
                <div className="conflict-column conflict-mine">
                  <div className="conflict-column-title">{t('record.conflict.mine')}</div>
                  <ChangeValue
                    name={name}
                    value={mine[key]}
                    definition={props.definition}
                    nameOf={props.nameOf}
                  />
                </div>
              </div>
            </div>
          );
        })}
        {theirsOnly.length > 0 && (
          <Alert
            className="section"
            type="info"
            showIcon
            title={t('record.conflict.theirsOnly')}
            description={theirsOnly
              .map((key) => labelOf(shortName(key)))
              .join(language === 'en-US' ? ', ' : '、')}
          />
        )}
      </div>
    </Modal>
  );
}
