// The placeholders texts may contain, and what each becomes when the e-mail is sent.
import { Card, Code, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

const placeholders = ["account_name", "contact_name", "portal_link"] as const;

export function PlaceholdersCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="information-placeholders">
      <Stack gap={4} mb="xs">
        <Title order={2} size="h4">
          {t("informationEmails.placeholders.title")}
        </Title>
        <Text size="xs" c="dimmed">
          {t("informationEmails.placeholders.hint")}
        </Text>
      </Stack>
      <Table verticalSpacing={6} horizontalSpacing="xs">
        <Table.Tbody>
          {placeholders.map((p) => (
            <Table.Tr key={p}>
              <Table.Td style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                <Code>{`{{${p}}}`}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`informationEmails.placeholders.${p}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
