import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle, IconLock, IconRocket } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ApiError } from "../platform/api";
import { LanguageSwitch } from "../shell/language-switch";
import { fetchSignInHint, safeNextPath, signInWithEmail } from "./auth-api";

const route = getRouteApi("/sign-in");
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { next } = route.useSearch();

  const hint = useQuery({
    queryKey: ["sign-in-hint"],
    queryFn: ({ signal }) => fetchSignInHint(signal),
    retry: false,
    meta: { silent: true },
  });

  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", password: "" },
    validate: {
      email: (value) =>
        !value.trim()
          ? t("signIn.emailRequired")
          : EMAIL.test(value.trim())
            ? null
            : t("signIn.emailInvalid"),
      password: (value) => (value ? null : t("signIn.passwordRequired")),
    },
  });

  const signIn = useMutation({
    mutationFn: (values: { email: string; password: string }) =>
      signInWithEmail(values.email.trim(), values.password),
    meta: { silent: true },
    onSuccess: async () => {
      queryClient.removeQueries();
      await router.navigate({ href: safeNextPath(next) });
    },
  });

  const failure = signIn.error ? signInErrorText(signIn.error, t) : null;
  const demo = hint.data?.demo ?? null;

  return (
    <Box mih="100vh" bg="gray.0" p="md">
      <Group justify="flex-end">
        <LanguageSwitch />
      </Group>
      <Center mih="calc(100vh - 80px)">
        <Stack w="100%" maw={420} gap="lg">
          <Stack align="center" gap={6}>
            <ThemeIcon size={48} radius="xl" variant="light">
              <IconRocket size={28} />
            </ThemeIcon>
            <Title order={1} size="h2">
              Embark
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              {t("signIn.tagline")}
            </Text>
          </Stack>

          {demo && (
            <Alert
              data-testid="demo-hint"
              icon={<IconInfoCircle />}
              title={t("signIn.demoTitle")}
              color="blue"
            >
              <Stack gap="xs">
                <Text size="sm">{t("signIn.demoBody")}</Text>
                <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                  {demo.email} / {demo.password}
                </Text>
                <Group>
                  <Button
                    size="xs"
                    variant="light"
                    data-testid="demo-fill"
                    onClick={() => form.setValues({ email: demo.email, password: demo.password })}
                  >
                    {t("signIn.demoFill")}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}

          <Paper withBorder shadow="sm" radius="md" p="xl">
            <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
              <Stack>
                <Title order={2} size="h4">
                  {t("signIn.title")}
                </Title>
                {failure && (
                  <Alert color="red" icon={<IconLock />} data-testid="sign-in-error">
                    {failure}
                  </Alert>
                )}
                <TextInput
                  data-testid="sign-in-email"
                  label={t("signIn.email")}
                  type="email"
                  autoComplete="username"
                  required
                  key={form.key("email")}
                  {...form.getInputProps("email")}
                />
                <PasswordInput
                  data-testid="sign-in-password"
                  label={t("signIn.password")}
                  autoComplete="current-password"
                  required
                  key={form.key("password")}
                  {...form.getInputProps("password")}
                />
                <Button data-testid="sign-in-submit" type="submit" loading={signIn.isPending} fullWidth>
                  {t("signIn.submit")}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t("signIn.help")}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}

function signInErrorText(error: Error, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 400) return t("signIn.wrongCredentials");
    if (error.status === 429) return t("signIn.tooManyAttempts");
    if (error.status === 0) return t("errors.network");
    return error.message;
  }
  return error.message;
}
