// Accepting a follow-up (optional due date and assignee) and dismissing one (a reason is required).
import { Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useOwnerOptions } from "../accounts/accounts-api";
import { applyFieldErrors } from "../platform/form-errors";
import { notifyError, notifySuccess } from "../platform/notify";
import { type FollowUp, useAcceptFollowUp, useDismissFollowUp } from "./follow-up-api";

/** The follow-up the modal shows: the last one chosen, so the content stays while the modal closes. */
function useShown(followUp: FollowUp | null): FollowUp | null {
  const last = useRef(followUp);
  if (followUp) last.current = followUp;
  return last.current;
}

export function AcceptFollowUpModal({
  followUp,
  onClose,
}: {
  followUp: FollowUp | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const shown = useShown(followUp);
  return (
    <Modal opened={followUp !== null} onClose={onClose} title={t("followUp.acceptTitle")} centered>
      {shown && <AcceptForm key={shown.id} followUp={shown} onClose={onClose} />}
    </Modal>
  );
}

function AcceptForm({ followUp, onClose }: { followUp: FollowUp; onClose: () => void }) {
  const { t } = useTranslation();
  const accept = useAcceptFollowUp();
  const owners = useOwnerOptions();
  const form = useForm<{ dueOn: string | null; assigneeUserId: string | null }>({
    initialValues: { dueOn: null, assigneeUserId: null },
  });
  const submit = (v: typeof form.values) =>
    accept.mutate(
      {
        id: followUp.id,
        input: {
          ...(v.dueOn ? { dueOn: v.dueOn } : {}),
          ...(v.assigneeUserId ? { assigneeUserId: v.assigneeUserId } : {}),
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t("followUp.accepted"));
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(error, form, (p) => (p === "dueOn" || p === "assigneeUserId" ? p : null)))
            notifyError(error);
        },
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="follow-up-accept-form">
      <Stack gap="sm">
        <Text size="sm">{t(`followUp.actions.${followUp.action}`)}</Text>
        <Text size="sm" c="dimmed">
          {t("followUp.acceptHint", { account: followUp.accountName })}
        </Text>
        <DateInput
          label={t("followUp.dueOn")}
          placeholder={t("followUp.dueOnPlaceholder")}
          valueFormat="YYYY/MM/DD"
          minDate={new Date()}
          clearable
          data-testid="follow-up-due-on"
          popoverProps={{ withinPortal: true }}
          {...form.getInputProps("dueOn")}
        />
        <Select
          label={t("followUp.assignee")}
          placeholder={
            followUp.ownerName
              ? `${t("followUp.assigneeDefault")} (${followUp.ownerName})`
              : t("followUp.assigneeDefault")
          }
          data={owners}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="follow-up-assignee"
          {...form.getInputProps("assigneeUserId")}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={accept.isPending} data-testid="follow-up-accept-submit">
            {t("followUp.acceptSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DismissFollowUpModal({
  followUp,
  onClose,
}: {
  followUp: FollowUp | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const shown = useShown(followUp);
  return (
    <Modal opened={followUp !== null} onClose={onClose} title={t("followUp.dismissTitle")} centered>
      {shown && <DismissForm key={shown.id} followUp={shown} onClose={onClose} />}
    </Modal>
  );
}

function DismissForm({ followUp, onClose }: { followUp: FollowUp; onClose: () => void }) {
  const { t } = useTranslation();
  const dismiss = useDismissFollowUp();
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (v) => (v.trim() ? null : t("followUp.reasonRequired")) },
  });
  const submit = (v: typeof form.values) =>
    dismiss.mutate(
      { id: followUp.id, input: { reason: v.reason.trim() } },
      {
        onSuccess: () => {
          notifySuccess(t("followUp.dismissed"));
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(error, form, (p) => (p === "reason" ? p : null))) notifyError(error);
        },
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="follow-up-dismiss-form">
      <Stack gap="sm">
        <Text size="sm">{t(`followUp.actions.${followUp.action}`)}</Text>
        <Text size="sm" c="dimmed">
          {t("followUp.dismissHint")}
        </Text>
        <Textarea
          label={t("followUp.reason")}
          placeholder={t("followUp.reasonPlaceholder")}
          required
          autosize
          minRows={2}
          data-autofocus
          data-testid="follow-up-reason"
          {...form.getInputProps("reason")}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            color="gray"
            loading={dismiss.isPending}
            data-testid="follow-up-dismiss-submit"
          >
            {t("followUp.dismissSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
