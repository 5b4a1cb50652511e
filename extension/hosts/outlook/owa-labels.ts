/*
 * The accessible names Outlook on the web gives its parts, per display language. They are the second
 * way Stride finds a part (after structure: ids, data attributes, roles), so a mailbox in any of these
 * languages reads the same. OWA writes labels either alone ("To") or as a prefix of a value
 * ("From: dana@acme.test"); both forms are matched. Adding a language is adding a column here.
 */
export const OWA_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ja'] as const;
export type OwaLanguage = (typeof OWA_LANGUAGES)[number];

type LabelRow = Record<OwaLanguage, readonly string[]>;

export const OWA_LABELS = {
  readingPane: {
    en: ['Reading Pane', 'Reading pane'],
    de: ['Lesebereich'],
    fr: ['Volet de lecture'],
    es: ['Panel de lectura'],
    it: ['Riquadro di lettura'],
    nl: ['Leesvenster'],
    pt: ['Painel de Leitura', 'Painel de leitura'],
    ja: ['閲覧ウィンドウ'],
  },
  message: {
    en: ['Email message'],
    de: ['E-Mail-Nachricht'],
    fr: ['Message électronique'],
    es: ['Mensaje de correo electrónico'],
    it: ['Messaggio di posta elettronica'],
    nl: ['E-mailbericht'],
    pt: ['Mensagem de email', 'Mensagem de e-mail'],
    ja: ['電子メール メッセージ'],
  },
  messageBody: {
    en: ['Message body'],
    de: ['Nachrichtentext'],
    fr: ['Corps du message'],
    es: ['Cuerpo del mensaje'],
    it: ['Corpo del messaggio'],
    nl: ['Berichttekst'],
    pt: ['Corpo da mensagem'],
    ja: ['メッセージ本文'],
  },
  from: {
    en: ['From'],
    de: ['Von'],
    fr: ['De'],
    es: ['De'],
    it: ['Da'],
    nl: ['Van'],
    pt: ['De'],
    ja: ['差出人'],
  },
  to: {
    en: ['To'],
    de: ['An'],
    fr: ['À', 'A'],
    es: ['Para'],
    it: ['A'],
    nl: ['Aan'],
    pt: ['Para'],
    ja: ['宛先'],
  },
  cc: {
    en: ['Cc', 'CC'],
    de: ['Cc', 'CC'],
    fr: ['Cc', 'CC'],
    es: ['CC', 'Cc'],
    it: ['Cc', 'CC'],
    nl: ['CC', 'Cc'],
    pt: ['Cc', 'CC'],
    ja: ['CC', 'Cc'],
  },
  bcc: {
    en: ['Bcc', 'BCC'],
    de: ['Bcc', 'BCC'],
    fr: ['Cci', 'CCI'],
    es: ['CCO', 'Cco'],
    it: ['Ccn', 'CCN'],
    nl: ['BCC', 'Bcc'],
    pt: ['Cco', 'CCO'],
    ja: ['BCC', 'Bcc'],
  },
  sent: {
    en: ['Sent', 'Received', 'Date'],
    de: ['Gesendet', 'Empfangen', 'Datum'],
    fr: ['Envoyé', 'Reçu', 'Date'],
    es: ['Enviado', 'Recibido', 'Fecha'],
    it: ['Inviato', 'Ricevuto', 'Data'],
    nl: ['Verzonden', 'Ontvangen', 'Datum'],
    pt: ['Enviado', 'Recebido', 'Data'],
    ja: ['送信日時', '受信日時', '日付'],
  },
  send: {
    en: ['Send'],
    de: ['Senden'],
    fr: ['Envoyer'],
    es: ['Enviar'],
    it: ['Invia'],
    nl: ['Verzenden'],
    pt: ['Enviar'],
    ja: ['送信'],
  },
  composeSubject: {
    en: ['Add a subject', 'Subject'],
    de: ['Betreff hinzufügen', 'Betreff'],
    fr: ['Ajouter un objet', 'Objet'],
    es: ['Agregar un asunto', 'Añadir un asunto', 'Asunto'],
    it: ['Aggiungi un oggetto', 'Oggetto'],
    nl: ['Voeg een onderwerp toe', 'Onderwerp'],
    pt: ['Adicionar um assunto', 'Assunto'],
    ja: ['件名を追加', '件名'],
  },
  accountManager: {
    en: ['Account manager'],
    de: ['Konto-Manager'],
    fr: ['Gestionnaire de comptes'],
    es: ['Administrador de cuentas'],
    it: ['Gestione account'],
    nl: ['Accountbeheer'],
    pt: ['Gerenciador de contas', 'Gestor de contas'],
    ja: ['アカウント マネージャー'],
  },
} as const satisfies Record<string, LabelRow>;

export type OwaLabelKey = keyof typeof OWA_LABELS;

/** Every spelling of one label across the languages, each once. */
export function labelsOf(key: OwaLabelKey): string[] {
  return [...new Set(Object.values(OWA_LABELS[key]).flat())];
}

/** Separators OWA puts between a label and its value: ASCII and full-width colons. */
const LABEL_SEPARATOR = /^\s*[:：]\s*/;

/**
 * Whether an accessible name is `key`'s label: exactly, or followed by a colon and a value.
 * Returns the value after the colon ('' for a bare label), undefined when it is not this label.
 */
export function labelValue(key: OwaLabelKey, accessibleName: string | null | undefined): string | undefined {
  const name = (accessibleName ?? '').trim();
  if (!name) return undefined;
  for (const label of labelsOf(key)) {
    if (name === label) return '';
    if (!name.startsWith(label)) continue;
    const rest = name.slice(label.length);
    const sep = LABEL_SEPARATOR.exec(rest);
    if (sep) return rest.slice(sep[0].length).trim();
  }
  return undefined;
}
