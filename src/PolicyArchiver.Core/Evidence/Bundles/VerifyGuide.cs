using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Evidence.Bundles;

/// <summary>VERIFY.md: how to check a bundle with sha256sum and openssl, in plain words, with this bundle's own values.</summary>
internal static class VerifyGuide
{
    public static string Write(string document, DateTimeOffset at, DocumentVersion version, string bodyName, string? screenshotName, LedgerEntry versionEntry, Checkpoint checkpoint, bool timestamped) => $$"""
        # Evidence: {{document}} as in force at {{Instant.Format(at)}}

        This bundle shows what the document `{{document}}` said at {{Instant.Format(at)}}:
        version {{version.Number}}, first captured at {{Instant.Format(version.CapturedAt)}}.
        Every check below uses only `sha256sum` and `openssl` (and a shell). Run them from the
        `evidence/` directory of the unzipped bundle. You do not need PolicyArchiver.

        ## What is here

        - `text.txt` is the text of the document, as extracted from the page.
        - `{{bodyName}}` is the exact bytes the server sent. {{Shown(screenshotName)}}
        - `warc/capture.warc.gz` holds the same captures as standard web-archive (WARC 1.1) records.
          Any WARC tool can read them, e.g. `zcat warc/capture.warc.gz | less`.
        - `observations.json` lists every time the archive looked at this document, from this version
          until the next one. "ok" with the same `snapshotSha256` or `version` means it was unchanged then.
        - `ledger/*.json` are entries of the archive's append-only hash chain. Each entry names the
          SHA-256 of the entry before it (`"prev"`).
        - `checkpoint.json` states the chain's head at a moment. `checkpoint.sig` is the archive's
          signature over it.
        - `public-key.pem` is the archive's public key. Compare its fingerprint with the one the archive
          publishes: `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`
          should print `{{ArchiveKeyFingerprint(checkpoint)}}`.
        - `manifest.json` lists every file with its SHA-256. `manifest.sig` is the archive's signature
          over it. `SHA256SUMS` is the same list in the format `sha256sum -c` reads.

        ## 1. The bundle is complete and unaltered

            openssl dgst -sha256 -verify public-key.pem -signature manifest.sig manifest.json
            sha256sum -c SHA256SUMS

        The first must print `Verified OK`. The second must print `OK` for every file.

        ## 2. The text and the raw page are the ones the archive recorded

        The ledger entry for this version is `ledger/{{versionEntry.Seq:D10}}.json`. It names the
        SHA-256 of the text and of the raw snapshot:

            grep -o '"textSha256":"[0-9a-f]*"' ledger/{{versionEntry.Seq:D10}}.json
            sha256sum text.txt
            grep -o '"snapshotSha256":"[0-9a-f]*"' ledger/{{versionEntry.Seq:D10}}.json
            sha256sum {{bodyName}}

        The digests must be equal: `{{version.TextSha256}}` and `{{version.SnapshotSha256}}`.

        ## 3. The ledger entries form an unbroken chain up to a signed checkpoint

            prev=""
            for f in ledger/*.json; do
              if [ -n "$prev" ] && ! grep -q "\"prev\":\"$prev\"" "$f"; then echo "chain broken at $f"; fi
              prev=$(sha256sum "$f" | cut -d' ' -f1)
            done
            grep -q "\"head\":\"$prev\"" checkpoint.json && echo "chain reaches the signed checkpoint"
            openssl dgst -sha256 -verify public-key.pem -signature checkpoint.sig checkpoint.json

        The loop must print nothing about breaks, then `chain reaches the signed checkpoint` and
        `Verified OK`. The checkpoint signs ledger entry {{checkpoint.Seq}} (head `{{checkpoint.HeadHash}}`),
        made at {{Instant.Format(checkpoint.At)}}. To change or back-date any entry before it, one would have to
        change every later hash and forge the signature.
        {{(timestamped ? $$"""

        ## 4. An independent authority dated the checkpoint

        `checkpoint.tsr` is an RFC 3161 timestamp of `checkpoint.json` from {{checkpoint.TsaUrl}}.
        With that authority's CA certificate (`tsa-ca.pem`):

            openssl ts -verify -data checkpoint.json -in checkpoint.tsr -CAfile tsa-ca.pem

        It must print `Verification: OK`. The archive could not have made this checkpoint, or the
        entries it covers, later than the time the authority attests.
        """ : """

        ## 4. Dating

        This archive had no timestamping authority configured. The checkpoint's time is the
        archive's own statement.
        """)}}

        ## 5. The checkpoint agrees with one published earlier

        The archive publishes every checkpoint it signs: the page `/checkpoints`, the file
        `/checkpoints.json` and the Atom feed `/checkpoints.atom`. A checkpoint that you, or anyone you
        trust, kept before — say saved as `kept.json` — pins the history up to it: whoever holds the
        archive's key could re-sign a rewritten history, but could not make it match what was kept.

        - The key: a kept checkpoint must name the same key, `{{ArchiveKeyFingerprint(checkpoint)}}`.

              grep -o '"publicKeySha256":"[0-9a-f]*"' kept.json | sort -u

        - The same checkpoint: if you kept the one of ledger entry {{checkpoint.Seq}}, it names the same head.

              grep -o '"seq":{{checkpoint.Seq}},"head":"[0-9a-f]*"' kept.json

          It must print `"seq":{{checkpoint.Seq}},"head":"{{checkpoint.HeadHash}}"`.
        - An earlier checkpoint, of an entry N that is in `ledger/`: the entry here hashes to its head.

              sha256sum ledger/NNNNNNNNNN.json     # N with leading zeros to ten digits

        - Any other kept checkpoint is checked against the whole archive, which the archive's operator
          or anyone with a copy runs: `policyarchiver verify --trusted-checkpoint kept.json` (it exits 4
          naming the checkpoint if the history was rewritten or rolled back since).
        """;

    /// <summary>What the browser showed: the screenshot (a PDF print of the page, whose text can be selected, or an image) and the DOM.</summary>
    private static string Shown(string? screenshotName) => screenshotName switch
    {
        null => "`snapshot/dom.html` (when present) is what the browser showed.",
        _ when screenshotName.EndsWith(".pdf", StringComparison.Ordinal) =>
            $"`{screenshotName}`\n  (the page printed to PDF as the screen laid it out; its text can be selected) and\n  `snapshot/dom.html` (when present) are what the browser showed.",
        _ => $"`{screenshotName}` and\n  `snapshot/dom.html` (when present) are what the browser showed.",
    };

    private static string ArchiveKeyFingerprint(Checkpoint checkpoint)
    {
        const string marker = "\"publicKeySha256\":\"";
        var i = checkpoint.Statement.IndexOf(marker, StringComparison.Ordinal);
        return i < 0 ? "" : checkpoint.Statement.Substring(i + marker.Length, 64);
    }
}
