import { Input } from 'antd';
import { LIMITS } from '../../../core/templates/model.js';
import { Labeled } from './Labeled.js';

/** A section's or field's key, shown only when the builder is asked to show keys. */
export function KeyInput(props: {
  label: string;
  id: string;
  testId: string;
  value: string;
  onChange: (key: string) => void;
}) {
  return (
    <Labeled label={props.label}>
      <Input
        id={props.id}
        data-testid={props.testId}
        value={props.value}
        maxLength={LIMITS.key}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Labeled>
  );
}
