/**
 * Every platform limit the renderers respect, each with where it comes from.
 * Sources: /work/shared/PLATFORMS.md (checked against @slack/types 3.2 and @grammyjs/types 5.0),
 * the JSDoc in node_modules/@slack/types/dist/block-kit/*.d.ts and node_modules/@grammyjs/types/*.d.ts,
 * and docs.slack.dev block reference pages. Slack lengths are measured in UTF-16 code units
 * (String.length), which is never less than the character count Slack applies.
 */

// ---------------------------------------------------------------- Slack

/** Blocks in one message. docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks in each message". */
export const SLACK_MAX_BLOCKS = 50;

/** Section block `text`. @slack/types SectionBlock.text: "maximum length … is 3000 characters". */
export const SLACK_SECTION_TEXT_MAX = 3000;

/** Items in section `fields`. @slack/types SectionBlock.fields: "Maximum number of items is 10". */
export const SLACK_SECTION_FIELDS_MAX = 10;

/** One section field's text. @slack/types SectionBlock.fields: "Maximum length for the text in each item is 2000". */
export const SLACK_SECTION_FIELD_TEXT_MAX = 2000;

/** Header block text. @slack/types HeaderBlock.text: "Maximum length … is 150 characters". */
export const SLACK_HEADER_TEXT_MAX = 150;

/** Button `value`. @slack/types Button.value: "Maximum length for this field is 2000 characters". */
export const SLACK_BUTTON_VALUE_MAX = 2000;

/** Button label. @slack/types Button.text: "Maximum length for the text in this field is 75 characters". */
export const SLACK_BUTTON_TEXT_MAX = 75;

/** Elements in an actions block. @slack/types ActionsBlock.elements: "maximum of 25 elements". */
export const SLACK_ACTIONS_ELEMENTS_MAX = 25;

/** Elements in a context block. @slack/types ContextBlock.elements: "Maximum number of items is 10". */
export const SLACK_CONTEXT_ELEMENTS_MAX = 10;

/**
 * One context element's text. Slack's text object allows 3000; we keep 2000 as a margin
 * (same as a section field) because context text is small print anyway.
 */
export const SLACK_CONTEXT_ELEMENT_TEXT_MAX = 2000;

/** Top-level `text` (notification / fallback). PLATFORMS.md: "top-level `text` ≤ 4 k". */
export const SLACK_TOP_TEXT_MAX = 4000;

/**
 * Total text across all blocks. PLATFORMS.md: "total block text above about 12 k chars fails
 * with `msg_blocks_too_long`". Approximate, so the renderer also keeps a margin below it.
 */
export const SLACK_TOTAL_BLOCK_TEXT_MAX = 12000;

/** Rows in a table block, header row included. @slack/types TableBlock.rows: "Maximum 100 rows". */
export const SLACK_TABLE_MAX_ROWS = 100;

/** Cells in a table row. @slack/types TableBlock.rows: "a max of 20 table cells"; column_settings max 20. */
export const SLACK_TABLE_MAX_COLUMNS = 20;

/**
 * Characters across all cells of one table. docs.slack.dev data-table-block: "character count
 * across all cells cannot exceed 10,000"; the table block page does not say, so we assume the same.
 */
export const SLACK_TABLE_MAX_CELL_CHARS = 10000;

/** Table blocks per message. PLATFORMS.md: "one per message, sent in `attachments`". */
export const SLACK_TABLES_PER_MESSAGE = 1;

// ---------------------------------------------------------------- Telegram

/**
 * Message text. @grammyjs/types sendMessage.text: "1-4096 characters after entities parsing".
 * The renderer measures the HTML source (tags and &amp; included), which is never shorter than
 * the parsed text, so staying below this on the source is safe.
 */
export const TELEGRAM_MESSAGE_MAX = 4096;

/** Inline button callback_data. @grammyjs/types CallbackButton.callback_data: "1-64 bytes" (UTF-8). */
export const TELEGRAM_CALLBACK_DATA_MAX_BYTES = 64;

/** A photo's caption. @grammyjs/types sendPhoto.caption: "0-1024 characters after entities parsing". */
export const TELEGRAM_CAPTION_MAX = 1024;

// ---------------------------------------------------------------- Feishu / Lark
// Sources: /work/shared/PLATFORMS-CN.md ([code] = read in @larksuiteoapi/node-sdk 1.74.0,
// [docs] = open.feishu.cn documentation, not checked against a live server).

/**
 * An interactive card's JSON (the message `content`), in UTF-8 bytes. [docs] "card/post 30 KB";
 * third-party validators use 30,720. The renderer keeps a margin below it.
 */
export const FEISHU_CARD_MAX_BYTES = 30 * 1024;

/** Card 2.0 `table` components in one card. [docs] "≤5 per card". */
export const FEISHU_CARD_TABLES_MAX = 5;

/** Columns of a card 2.0 table. [docs] "≤50 columns". */
export const FEISHU_TABLE_COLUMNS_MAX = 50;

/** Rows a card 2.0 table shows per page (`page_size`, 1–10); more rows page inside the card. [docs] */
export const FEISHU_TABLE_PAGE_SIZE_MAX = 10;

/** A text message's content, in bytes. [docs] "text 150 KB". */
export const FEISHU_TEXT_MAX_BYTES = 150 * 1024;

/** A file uploaded with im.v1.file.create. [code] "文件大小不得超过 30 MB". */
export const FEISHU_FILE_MAX_BYTES = 30 * 1024 * 1024;

/** An image uploaded with im.v1.image.create. [code] ≤10 MB. */
export const FEISHU_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The message `uuid` (idempotency key: one message per uuid within 1 h [code]). [docs] maximum
 * length 50 characters.
 */
export const FEISHU_UUID_MAX = 50;
/** Feishu drops a message whose uuid it saw within the last hour (PLATFORMS-CN.md, im.v1.message.create). */
export const FEISHU_UUID_WINDOW_MS = 60 * 60_000;

/** Seconds Feishu waits for an HTTP event or card callback answer before it retries. [docs] "3 s". */
export const FEISHU_CALLBACK_TIMEOUT_S = 3;

// ---------------------------------------------------------------- DingTalk (钉钉)
// Sources: /work/shared/PLATFORMS-CN.md ([docs] = open.dingtalk.com documentation, not checked
// against a live server; [assumed] = no documented figure found, chosen conservatively).

/**
 * A markdown message's `text`, in UTF-8 bytes. [assumed] DingTalk documents no figure for
 * sessionWebhook / robot markdown; 5000 bytes keeps every part well inside what clients show.
 */
export const DINGTALK_MARKDOWN_MAX_BYTES = 5000;

/** Messages a group robot webhook accepts per minute (then blocked for 10 minutes). [docs] "20 msgs/min". */
export const DINGTALK_WEBHOOK_PER_MINUTE = 20;

/** How far a callback's `timestamp` may be from our clock. [docs] "1 h window". */
export const DINGTALK_CALLBACK_WINDOW_MS = 60 * 60_000;

/** Largest CSV shown inline as a code block (sessionWebhook cannot carry files). [assumed] one message. */
export const DINGTALK_INLINE_CSV_MAX_BYTES = 4000;

// ---------------------------------------------------------------- WeCom (企业微信)
// Sources: /work/shared/PLATFORMS-CN.md ([code] = read in @wecom/aibot-node-sdk 1.0.7 (types and
// README), [docs] = developer.work.weixin.qq.com, not checked against a live server).

/** A 智能机器人 stream reply's markdown content, in UTF-8 bytes. [code] README "最长 20480 字节". */
export const WECOM_STREAM_MAX_BYTES = 20480;

/** A group robot webhook `markdown` / `markdown_v2` content, in UTF-8 bytes. [docs] "4096 B". */
export const WECOM_WEBHOOK_MARKDOWN_MAX_BYTES = 4096;

/** Buttons of a button_interaction template card. [code] TemplateCard.button_list "不超过 6". */
export const WECOM_CARD_BUTTONS_MAX = 6;

/** A template card button's key. [code] TemplateCardButton.key "最长支持 1024 字节". */
export const WECOM_BUTTON_KEY_MAX_BYTES = 1024;

/** A template card's task_id. [code] "最长 128 字节", digits, letters and "_-@". */
export const WECOM_TASK_ID_MAX_BYTES = 128;

/** Seconds within which a template card event may be answered with updateTemplateCard. [code] "5 s". */
export const WECOM_CARD_UPDATE_WINDOW_S = 5;

/** Messages a group robot webhook accepts per minute. [docs] "20/min". */
export const WECOM_WEBHOOK_PER_MINUTE = 20;

/** A group robot webhook `image` message (base64 + md5). [docs] "图片（base64编码前）最大不能超过2M". */
export const WECOM_WEBHOOK_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
