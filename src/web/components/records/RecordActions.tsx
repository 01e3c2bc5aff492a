import { Button, Popconfirm } from 'antd';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  offeredCommands,
  RECORD_COMMANDS,
  type RecordCommand,
  type RecordCommandName,
} from '../../records/actions.js';
import type { ActionRunner } from '../../records/useActionRunner.js';
import type { RecordEditor } from '../../records/useRecordEditor.js';

interface Props {
  editor: RecordEditor;
  runner: ActionRunner;
}

/** A button for each command the server offers on this record, with its confirm or dialog. */
export function RecordActions({ editor, runner }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<RecordCommandName | null>(null);
  const { base: view, dirty, saving } = editor;
  const busy = saving || runner.acting !== null;

  return offeredCommands(view).map((name) => {
    const command: RecordCommand = RECORD_COMMANDS[name];
    const label = command.label(t, view);
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
        {label}
      </Button>
    );
    if (command.confirm) {
      return (
        <Popconfirm
          key={name}
          title={command.confirm(t)}
          okText={label}
          cancelText={t('common.cancel')}
          onConfirm={() => void runner.run(name)}
        >
          {button()}
        </Popconfirm>
      );
    }
    const { Dialog } = command;
    if (!Dialog) return button(() => void runner.run(name));
    // what the draft must be is checked before the dialog asks anything
    const ask = () => (!command.check || editor.ready(command.check)) && setAsking(name);
    return (
      <Fragment key={name}>
        {button(ask)}
        <Dialog
          open={asking === name}
          busy={runner.acting === name}
          label={label}
          editor={editor}
          onCancel={() => setAsking(null)}
          onSend={(input) => void runner.run(name, input).then((done) => done && setAsking(null))}
        />
      </Fragment>
    );
  });
}
