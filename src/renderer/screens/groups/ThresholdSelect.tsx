// A threshold chosen as "2 of 3 members" (a list of 1 to n, never a number typed out of range).

import { useTranslation } from 'react-i18next';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';

export function ThresholdSelect({ label, description, value, members, onChange }: { label: string; description?: string; value: number; members: number; onChange: (n: number) => void }) {
  const { t } = useTranslation('groups');
  const choices = Array.from({ length: Math.max(1, members) }, (_, i) => i + 1);
  return (
    <Select className="select threshold-select" selectedKey={value} onSelectionChange={(key) => onChange(Number(key))}>
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      {description && (
        <Text slot="description" className="muted">
          {description}
        </Text>
      )}
      <Popover className="select-popover">
        <ListBox className="select-list">
          {choices.map((k) => {
            const words = t('of', { k, count: members });
            return (
              <ListBoxItem key={k} id={k} className="select-item" textValue={words}>
                {words}
              </ListBoxItem>
            );
          })}
        </ListBox>
      </Popover>
    </Select>
  );
}
