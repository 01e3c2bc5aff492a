import { Form } from 'antd';
import { useUnsavedInput } from '../hooks/useUnsavedInput.js';

/**
 * Placed inside an antd Form: once the user has changed a field, leaving the page asks first.
 * Watching every value re-renders it on each change, so `isFieldsTouched` is read fresh.
 */
export function FormUnsavedInput() {
  const form = Form.useFormInstance();
  Form.useWatch((values: unknown) => values, form);
  useUnsavedInput(form.isFieldsTouched());
  return null;
}
