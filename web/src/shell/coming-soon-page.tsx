import { Badge, Center, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Capability } from "./capabilities";

export function ComingSoonPage({ capability }: { capability: Capability }) {
  const { t } = useTranslation();
  const Icon = capability.icon;
  return (
    <Center mih="60vh" data-testid="coming-soon">
      <Stack align="center" gap="sm" maw={480} px="md">
        <ThemeIcon size={72} radius="xl" variant="light">
          <Icon size={40} stroke={1.5} />
        </ThemeIcon>
        <Title order={1} size="h2" ta="center">
          {t(`nav.${capability.key}`)}
        </Title>
        <Badge variant="light" color="gray">
          {t("comingSoon.badge")}
        </Badge>
        <Text c="dimmed" ta="center">
          {t(`comingSoon.${capability.key}`)}
        </Text>
      </Stack>
    </Center>
  );
}
