// A small "are you sure?" dialog for deleting and revoking.
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function ConfirmModal({
  opened,
  title,
  body,
  confirmLabel,
  loading,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel?: string;
  loading?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-testid="confirm-submit">
            {confirmLabel ?? t("common.delete")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
