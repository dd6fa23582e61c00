using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class VerifyCommand
{
    private sealed record ReportJson(bool Intact, IReadOnlyDictionary<string, long> Checked, IReadOnlyList<VerificationProblem> Problems, IReadOnlyList<VerificationProblem> Warnings,
        string? KeyFingerprint, IReadOnlyList<KeyPeriod> KeyHistory, SignedJson? Signed);

    /// <summary>What <c>--sign-uncovered</c> signed: ledger entries From–To, by the key with this fingerprint.</summary>
    private sealed record SignedJson(long From, long To, string Head, string KeyFingerprint);

    public static Command Create(Handler handler)
    {
        var expectKey = new Option<string?>("--expect-key")
        {
            Description = "The archive key's SHA-256 fingerprint as you kept it (verify prints it; so does openssl pkey -pubin -in keys/public-key.pem -outform DER | sha256sum); a different key is damage",
            HelpName = "FINGERPRINT",
        };
        var trusted = new Option<string[]>("--trusted-checkpoint")
        {
            Description = "A checkpoint published earlier (a saved /checkpoints.json or one checkpoint from it, a file or an http(s) address); the archive must still extend it. Repeatable",
            HelpName = "FILE|URL",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var signUncovered = new Option<bool>("--sign-uncovered")
        {
            Description = "When all verify finds wrong is ledger entries no checkpoint covers (an archive made before checkpoints were kept), sign the verified head with the archive's key and print what was signed; with any other damage nothing is signed",
        };
        var command = new Command("verify", "Recompute every blob digest, WARC record digest, the ledger's hash chain, every key rotation and checkpoint signature, and check that checkpoints cover the whole ledger; exit 0 when intact, 4 naming each damaged item. Modifies nothing, unless --sign-uncovered is given.")
        {
            GlobalOptions.JsonOutput, expectKey, trusted, signUncovered,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var anchors = new List<PublishedCheckpoint>();
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
                foreach (var source in context.Parse.GetValue(trusted) ?? [])
                {
                    try
                    {
                        anchors.AddRange(await TrustedCheckpoints.LoadAsync(source, http, ct));
                    }
                    catch (InvalidDataException e)
                    {
                        throw new CliException(ExitCodes.BadInput, $"--trusted-checkpoint {e.Message}");
                    }
                }
            var sign = context.Parse.GetValue(signUncovered);
            using var archive = sign ? await context.OpenArchiveAsync(ct) : await context.OpenArchiveReadOnlyAsync(ct);
            var options = new VerificationOptions(context.Parse.GetValue(expectKey), anchors);
            var report = await new ArchiveVerifier(archive).VerifyAsync(options, step => context.Error.WriteLine($"verifying {step}…"), ct);
            var signed = sign ? await SignUncoveredAsync(context, archive, report, ct) : null;
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(new ReportJson(report.Intact, report.Checked, report.Problems, report.Warnings, report.KeyFingerprint, report.KeyHistory, signed)));
            }
            else
            {
                foreach (var p in report.Problems) await context.Out.WriteLineAsync($"DAMAGED {p.Kind}: {p.Location}: {p.Detail}");
                foreach (var w in report.Warnings) await context.Out.WriteLineAsync($"note {w.Kind}: {w.Location}: {w.Detail}");
                await context.Out.WriteLineAsync($"key: SHA-256 fingerprint {report.KeyFingerprint ?? "(no key: keys/public-key.pem is missing)"}");
                if (report.KeyHistory.Count > 1)
                    foreach (var k in report.KeyHistory)
                        await context.Out.WriteLineAsync($"  key {k.Fingerprint}: {(k.IntroducedAt is { } i ? $"from the key rotation at ledger entry {i}" : "the archive's first key")}" +
                                                         (k.RetiredAt is { } r ? $", retired at ledger entry {r}" : ", in force"));
                if (signed is not null)
                    await context.Out.WriteLineAsync($"signed: ledger entries {signed.From}–{signed.To} (head {signed.Head}) with key {signed.KeyFingerprint}; checkpoint at ledger entry {signed.To}");
                if (anchors.Count > 0) await context.Out.WriteLineAsync($"trusted checkpoints: {anchors.Count} checked");
                var counts = string.Join(", ", report.Checked.Select(c => $"{c.Value} {c.Key}"));
                await context.Out.WriteLineAsync(report.Intact ? $"intact: checked {counts}" : $"{report.Problems.Count} problem(s); checked {counts}");
            }
            return report.Intact ? ExitCodes.Ok : ExitCodes.Damaged;
        }));
        return command;
    }

    /// <summary>Signs what verify found uncovered, when that is all it found; null when everything was covered.</summary>
    private static async Task<SignedJson?> SignUncoveredAsync(CliContext context, Archive archive, VerificationReport report, CancellationToken ct)
    {
        using var http = new HttpClient();
        var tsa = context.TsaUrl is { } url ? new TimestampAuthority(http, url) : null;
        try
        {
            var signed = await new Checkpointer(archive.Catalog, archive.Key, context.Time, tsa).SignUncoveredAsync(report, ct);
            if (signed is not { } s)
            {
                await context.Error.WriteLineAsync("--sign-uncovered: every ledger entry is already covered by a checkpoint; nothing signed");
                return null;
            }
            return new SignedJson(s.From, s.Checkpoint.Seq, s.Checkpoint.HeadHash, archive.Key.PublicKeySha256);
        }
        catch (UnvouchedHistoryException e)
        {
            await context.Error.WriteLineAsync($"policyarchiver: --sign-uncovered: {e.Message}");
            return null;
        }
    }
}
