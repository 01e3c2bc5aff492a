import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import {
  RECORD_COMMANDS,
  type CommandInput,
  type RecordCommand,
  type RecordCommandName,
} from './actions.js';
import { contentIssuesOf } from './issues.js';
import type { RecordEditor } from './useRecordEditor.js';

/**
 * Runs any command of the record page the same way: check the draft, save pending edits, send
 * with If-Match, adopt the answer, and on failure show the conflict, the server's content
 * issues or its message. One command at a time.
 */
export function useActionRunner(editor: RecordEditor) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [acting, setActing] = useState<RecordCommandName | null>(null);

  /** True when the command went through. */
  async function run(name: RecordCommandName, input: CommandInput = ''): Promise<boolean> {
    const command: RecordCommand = RECORD_COMMANDS[name];
    if (command.check && !editor.ready(command.check)) return false;
    setActing(name);
    try {
      let current = editor.base;
      if (command.saves && (editor.dirty || !command.send)) {
        const saved = await editor.persist(current, editor.draft);
        if (!saved) return false;
        current = saved;
      }
      if (command.send) {
        current = await command.send(current, input);
        editor.adopt(current);
      }
      void message.success(command.done(t, current));
      return true;
    } catch (error) {
      if (await editor.handleStale(error)) return false;
      if (isApiError(error, 'CONTENT_INVALID'))
        editor.showServerIssues(contentIssuesOf(error.details));
      void message.error((error as Error).message);
      return false;
    } finally {
      setActing(null);
    }
  }

  return { run, acting };
}

export type ActionRunner = ReturnType<typeof useActionRunner>;
