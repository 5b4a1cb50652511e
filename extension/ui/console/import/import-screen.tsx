import { CsvImport } from './csv-import';

/** Contacts from a CSV file, for any later sequence (adding them to one is on the sequence's Contacts tab). */
export function ImportScreen() {
  return (
    <div className="c-screen" data-console-screen="import">
      <p className="s-muted">
        Import contacts from a CSV file. Map each column to a contact field, check the preview, then import.
        Large files go up in parts, and a bad row never stops the others.
      </p>
      <CsvImport />
    </div>
  );
}
