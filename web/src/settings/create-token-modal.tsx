import { Alert, Button, Code, CopyButton, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyFieldErrors } from "../platform/form-errors";
import { useCreateToken } from "./settings-api";

export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("settings.tokens.createTitle")} size="lg">
      {opened && <CreateTokenForm onDone={onClose} />}
    </Modal>
  );
}

function CreateTokenForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [token, setToken] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: "" },
    validate: { name: (v) => (v.trim() ? null : t("validation.required")) },
  });

  if (token) {
    return (
      <Stack data-testid="token-created">
        <Alert color="yellow" icon={<IconAlertTriangle size={16} />}>
          {t("settings.tokens.showOnce")}
        </Alert>
        <Code block data-testid="token-value" style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
          {token}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={token}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? "teal" : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
                data-testid="token-copy"
              >
                {copied ? t("common.copied") : t("common.copy")}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onDone}>{t("common.done")}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        create.mutate(values.name.trim(), {
          onSuccess: (result) => setToken(result.token),
          onError: (error) => applyFieldErrors(error, form),
        }),
      )}
    >
      <Stack>
        <TextInput
          label={t("settings.tokens.name")}
          description={t("settings.tokens.nameHint")}
          required
          data-autofocus
          data-testid="token-name"
          {...form.getInputProps("name")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="token-create-submit">
            {t("settings.tokens.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
