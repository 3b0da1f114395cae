// First visit: the visitor says who they are by e-mail (and name) before using the portal.
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { PortalView } from "./portal-api";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function PortalIdentify({
  view,
  pending,
  failed,
  onSubmit,
}: {
  view: PortalView;
  pending: boolean;
  failed: boolean;
  onSubmit: (values: { email: string; name?: string }) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", name: "" },
    validate: {
      email: (value) =>
        !value.trim()
          ? t("portal.identify.emailRequired")
          : EMAIL.test(value.trim())
            ? null
            : t("portal.identify.emailInvalid"),
    },
  });
  const intro = view.csm
    ? t("portal.identify.intro", { account: view.account.name, csm: view.csm.name })
    : t("portal.identify.introNoCsm", { account: view.account.name });
  return (
    <Paper withBorder radius="md" p="lg" data-testid="portal-identify">
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          onSubmit({ email: values.email.trim(), name: values.name.trim() || undefined }),
        )}
      >
        <Stack>
          <Title order={2} size="h3">
            {t("portal.identify.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
          {failed && (
            <Alert color="red" icon={<IconAlertCircle />}>
              {t("portal.actionFailed")}
            </Alert>
          )}
          <TextInput
            data-testid="portal-identify-email"
            label={t("portal.identify.email")}
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            size="md"
            key={form.key("email")}
            {...form.getInputProps("email")}
          />
          <TextInput
            data-testid="portal-identify-name"
            label={t("portal.identify.name")}
            autoComplete="name"
            size="md"
            key={form.key("name")}
            {...form.getInputProps("name")}
          />
          <Button type="submit" size="md" fullWidth loading={pending} data-testid="portal-identify-submit">
            {t("portal.identify.submit")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
