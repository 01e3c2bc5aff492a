import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RECORD_LIMITS, type RecordView } from '../../../core/records/api.js';
import { createAddendum, recordKey } from '../../api/records.js';
import { defaultInterviewTime, instantFromDayjs } from '../../dates.js';
import { recordPath } from '../../paths.js';
import { RecordStateTag } from './RecordStateTag.js';
import { TimeAndPlaceFields, useConfirmPastTime } from './TimeAndPlaceFields.js';

/**
 * Corrections after archiving (补充记录): on an addendum, the record it corrects; on an archived
 * record, its addenda and, for whoever may write one, the way to start it.
 */
export function AddendaPanel({ view }: { view: RecordView }) {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  return (
    <>
      {view.addendumOf && (
        <Alert
          className="section"
          type="info"
          showIcon
          data-testid="addendum-of"
          title={
            <>
              {t('record.addenda.correcting')}{' '}
              <Link to={recordPath(view.addendumOf.id)}>{view.addendumOf.topic}</Link>
            </>
          }
        />
      )}
      {(view.addenda.length > 0 || view.abilities.addendum) && (
        <Card
          className="section"
          size="small"
          title={t('record.addenda.title')}
          data-testid="addenda"
          extra={
            view.abilities.addendum && (
              <Button data-testid="addendum-create" onClick={() => setWriting(true)}>
                {t('record.addenda.write')}
              </Button>
            )
          }
        >
          <List
            dataSource={view.addenda}
            locale={{ emptyText: t('record.addenda.none') }}
            renderItem={(addendum) => (
              <List.Item data-testid="addendum-item">
                <Link to={recordPath(addendum.id)}>{addendum.topic}</Link>
                <RecordStateTag state={addendum.state} />
              </List.Item>
            )}
          />
        </Card>
      )}
      {view.abilities.addendum && (
        <AddendumModal original={view} open={writing} onClose={() => setWriting(false)} />
      )}
    </>
  );
}

interface Values {
  topic: string;
  interviewAt: Dayjs;
  placeKind: 'room' | 'online';
  place: string;
}

function AddendumModal(props: { original: RecordView; open: boolean; onClose: () => void }) {
  const { original, open, onClose } = props;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const confirmPastTime = useConfirmPastTime();
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createAddendum(original.id, {
        topic: values.topic.trim(),
        interviewAt: instantFromDayjs(values.interviewAt)!,
        place: values.place.trim(),
        placeKind: values.placeKind,
        participantIds: [],
      }),
    onSuccess: async (view) => {
      queryClient.setQueryData(recordKey(view.id), view);
      await queryClient.invalidateQueries({ queryKey: recordKey(original.id) });
      onClose();
      void navigate(recordPath(view.id));
    },
  });
  const required = [{ required: true, whitespace: true, message: t('recordForm.required') }];
  return (
    <Modal
      open={open}
      title={t('record.addenda.write')}
      okText={t('record.addenda.create')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ ...CREATE_TEST_ID }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('record.addenda.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          if (await confirmPastTime(values.interviewAt)) mutation.mutate(values);
        }}
        initialValues={{
          topic: t('record.addenda.topic', { topic: original.topic }).slice(0, RECORD_LIMITS.topic),
          interviewAt: defaultInterviewTime(),
          placeKind: original.placeKind,
          place: original.place,
        }}
      >
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <Form.Item name="topic" label={t('record.info.topic')} rules={required}>
          <Input data-testid="addendum-topic" maxLength={RECORD_LIMITS.topic} />
        </Form.Item>
        <TimeAndPlaceFields
          timeName="interviewAt"
          timeLabel={t('record.info.interviewAt')}
          timeTestId="addendum-interview-at"
          placeTestId="addendum-place"
        />
      </Form>
    </Modal>
  );
}

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const CREATE_TEST_ID = { 'data-testid': 'addendum-confirm' };
