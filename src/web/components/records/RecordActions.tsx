import { Button, Popconfirm } from 'antd';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../core/records/api.js';
import {
  offeredCommands,
  RECORD_COMMANDS,
  type RecordCommand,
  type RecordCommandName,
} from '../../records/actions.js';
import type { ActionRunner } from '../../records/useActionRunner.js';

interface Props {
  view: RecordView;
  runner: ActionRunner;
  /** the draft differs from the saved version */
  dirty: boolean;
  /** an autosave is under way */
  saving: boolean;
}

/** A button for each command the server offers on this record, with its confirm or dialog. */
export function RecordActions({ view, runner, dirty, saving }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<RecordCommandName | null>(null);
  const busy = saving || runner.acting !== null;

  return offeredCommands(view).map((name) => {
    const command: RecordCommand = RECORD_COMMANDS[name];
    // A save with nothing to save is no command; its spinner also shows an autosave.
    const savesOnly = command.saves && !command.send;
    const button = (onClick?: () => void) => (
      <Button
        key={name}
        type={command.look === 'primary' ? 'primary' : 'default'}
        danger={command.look === 'danger'}
        data-testid={command.testId}
        disabled={busy || (savesOnly && !dirty)}
        loading={runner.acting === name || (savesOnly && saving && !runner.acting)}
        onClick={onClick}
      >
        {command.label(t)}
      </Button>
    );
    if (command.confirm) {
      return (
        <Popconfirm
          key={name}
          title={command.confirm(t)}
          okText={command.label(t)}
          cancelText={t('common.cancel')}
          onConfirm={() => void runner.run(name)}
        >
          {button()}
        </Popconfirm>
      );
    }
    const { Dialog } = command;
    if (!Dialog) return button(() => void runner.run(name));
    return (
      <Fragment key={name}>
        {button(() => setAsking(name))}
        <Dialog
          open={asking === name}
          busy={runner.acting === name}
          onCancel={() => setAsking(null)}
          onSend={(input) => void runner.run(name, input).then((done) => done && setAsking(null))}
        />
      </Fragment>
    );
  });
}
