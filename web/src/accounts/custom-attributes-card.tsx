import { Card, Skeleton, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function CustomAttributesCard({ custom }: { custom: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  const entries = Object.entries(custom ?? {});
  return (
    <Card withBorder radius="md" padding="lg" h="100%" data-testid="account-custom">
      <Title order={2} size="h5" mb="md">
        {t("account.custom")}
      </Title>
      {custom === undefined ? (
        <Skeleton height={80} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("account.noCustom")}
        </Text>
      ) : (
        <Table withRowBorders verticalSpacing={6} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="40%">{t("account.customKey")}</Table.Th>
              <Table.Th>{t("account.customValue")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Td>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {key}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
                    {value}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
