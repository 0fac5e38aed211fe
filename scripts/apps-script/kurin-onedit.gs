/**
 * kurin: tell the kurin server at once when a librarian edits the catalogue sheet.
 *
 * Install (once, by the sheet's owner):
 *   1. In the sheet: Extensions -> Apps Script. Paste this file; save.
 *   2. Project Settings -> Script properties: add
 *        KURIN_WEBHOOK_URL     https://your-kurin-server/webhooks/sheet-edit
 *        KURIN_WEBHOOK_SECRET  the same value as SHEETS_WEBHOOK_SECRET on the server (16+ characters)
 *   3. Triggers (the clock icon) -> Add Trigger: function kurinOnEdit, event source "From spreadsheet",
 *      event type "On edit". Authorise it. (An installable trigger is needed: a simple onEdit() may not
 *      call UrlFetchApp.)
 * Without the trigger kurin still notices edits, at its next poll (SHEETS_POLL_SECONDS, default 30 s).
 */
function kurinOnEdit(e) {
  var props = PropertiesService.getScriptProperties();
  var url = props.getProperty("KURIN_WEBHOOK_URL");
  var secret = props.getProperty("KURIN_WEBHOOK_SECRET");
  if (!url || !secret) return;

  var range = e && e.range;
  var body = JSON.stringify({
    sheet: range ? range.getSheet().getName() : null,
    row: range ? range.getRow() : null,
    column: range ? range.getColumn() : null,
    rows: range ? range.getNumRows() : null,
  });
  var timestamp = String(Date.now());
  var digest = Utilities.computeHmacSha256Signature(timestamp + "." + body, secret, Utilities.Charset.UTF_8);
  var hex = digest
    .map(function (b) {
      return ("0" + (b & 0xff).toString(16)).slice(-2);
    })
    .join("");

  UrlFetchApp.fetch(url, {
    method: "post",
    contentType: "application/json",
    payload: body,
    headers: { "X-Kurin-Timestamp": timestamp, "X-Kurin-Signature": "sha256=" + hex },
    muteHttpExceptions: true, // an unreachable server must never get in the librarian's way
  });
}
