// The unsubscribe link of marketing mail: public, no sign-in, in the contact's language. Mobile first.
import {
  Box,
  Button,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconCircleCheck, IconLinkOff, IconMailOff } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../platform/api";
import { confirmUnsubscribe, unsubscribeQuery } from "./mail-api";

const route = getRouteApi("/unsubscribe/$token");

export function UnsubscribePage() {
  const { token } = route.useParams();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(unsubscribeQuery(token));
  const view = query.data;
  // The contact's language first; the visitor can switch (without changing the app's own choice).
  const [chosen, setChosen] = useState<"ja" | "en" | null>(null);
  const lang = chosen ?? view?.language ?? (i18n.resolvedLanguage === "en" ? "en" : "ja");
  const t = i18n.getFixedT(lang);
  const confirm = useMutation({
    mutationFn: () => confirmUnsubscribe(token),
    meta: { silent: true },
    onSuccess: (next) => queryClient.setQueryData(unsubscribeQuery(token).queryKey, next),
  });

  useEffect(() => {
    document.title = t("mail.unsubscribe.title");
    document.documentElement.lang = lang;
  }, [t, lang]);

  let content: React.ReactNode;
  if (query.isPending) {
    content = (
      <Center py="xl">
        <Stack align="center" gap="xs">
          <Loader />
          <Text c="dimmed" size="sm">
            {t("mail.unsubscribe.loading")}
          </Text>
        </Stack>
      </Center>
    );
  } else if (!view) {
    const invalid = isApiError(query.error, 404);
    content = (
      <Stack
        align="center"
        gap="sm"
        ta="center"
        data-testid={invalid ? "unsubscribe-invalid" : "unsubscribe-error"}
      >
        <ThemeIcon size={56} radius="xl" variant="light" color="gray">
          <IconLinkOff size={30} />
        </ThemeIcon>
        <Title order={1} size="h3">
          {invalid ? t("mail.unsubscribe.invalidTitle") : t("mail.unsubscribe.error")}
        </Title>
        {invalid ? (
          <Text c="dimmed">{t("mail.unsubscribe.invalidBody")}</Text>
        ) : (
          <Button variant="light" onClick={() => void query.refetch()}>
            {t("mail.unsubscribe.retry")}
          </Button>
        )}
      </Stack>
    );
  } else if (view.unsubscribed) {
    content = (
      <Stack align="center" gap="sm" ta="center" data-testid="unsubscribe-done">
        <ThemeIcon size={56} radius="xl" variant="light" color="teal">
          <IconCircleCheck size={30} />
        </ThemeIcon>
        <Title order={1} size="h3">
          {t("mail.unsubscribe.done")}
        </Title>
        <Text c="dimmed" style={{ wordBreak: "break-word" }}>
          {t("mail.unsubscribe.doneBody", { email: view.email, sender: view.sender })}
        </Text>
      </Stack>
    );
  } else {
    content = (
      <Stack align="center" gap="md" ta="center" data-testid="unsubscribe-confirm">
        <ThemeIcon size={56} radius="xl" variant="light" color="blue">
          <IconMailOff size={30} />
        </ThemeIcon>
        <Title order={1} size="h3">
          {t("mail.unsubscribe.title")}
        </Title>
        <Text>{t("mail.unsubscribe.question", { sender: view.sender })}</Text>
        <Text fw={600} size="lg" style={{ wordBreak: "break-all" }} data-testid="unsubscribe-email">
          {view.email}
        </Text>
        <Text size="sm" c="dimmed">
          {t("mail.unsubscribe.note")}
        </Text>
        {confirm.isError && (
          <Text size="sm" c="red">
            {t("mail.unsubscribe.error")}
          </Text>
        )}
        <Button
          size="md"
          fullWidth
          maw={360}
          loading={confirm.isPending}
          onClick={() => confirm.mutate()}
          data-testid="unsubscribe-button"
        >
          {t("mail.unsubscribe.confirm")}
        </Button>
      </Stack>
    );
  }

  return (
    <Box mih="100vh" bg="gray.0" data-testid="unsubscribe-page" lang={lang}>
      <Box bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size={560} px="md" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {t("mail.unsubscribe.title")}
              </Text>
              <Title order={2} size="h4" lineClamp={1}>
                {view?.sender ?? "Embark"}
              </Title>
            </Stack>
            <SegmentedControl
              size="xs"
              value={lang}
              onChange={(v) => setChosen(v as "ja" | "en")}
              data={[
                { value: "ja", label: "日本語" },
                { value: "en", label: "English" },
              ]}
              aria-label="Language"
            />
          </Group>
        </Container>
      </Box>
      <Container size={560} px="md" py="xl">
        <Paper withBorder radius="md" p="xl">
          {content}
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="xl">
          Embark
        </Text>
      </Container>
    </Box>
  );
}
