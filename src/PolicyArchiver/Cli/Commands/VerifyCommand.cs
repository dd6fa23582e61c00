using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Verification;

namespace PolicyArchiver.Cli.Commands;

internal static class VerifyCommand
{
    private sealed record ReportJson(bool Intact, IReadOnlyDictionary<string, long> Checked, IReadOnlyList<VerificationProblem> Problems, IReadOnlyList<VerificationProblem> Warnings,
        string? KeyFingerprint);

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
        var command = new Command("verify", "Recompute every blob digest, WARC record digest, the ledger's hash chain and every checkpoint signature, and check that checkpoints cover the whole ledger; exit 0 when intact, 4 naming each damaged item. Never modifies anything.")
        {
            GlobalOptions.JsonOutput, expectKey, trusted,
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
            using var archive = await context.OpenArchiveReadOnlyAsync(ct);
            var options = new VerificationOptions(context.Parse.GetValue(expectKey), anchors);
            var report = await new ArchiveVerifier(archive).VerifyAsync(options, step => context.Error.WriteLine($"verifying {step}…"), ct);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(new ReportJson(report.Intact, report.Checked, report.Problems, report.Warnings, report.KeyFingerprint)));
            }
            else
            {
                foreach (var p in report.Problems) await context.Out.WriteLineAsync($"DAMAGED {p.Kind}: {p.Location}: {p.Detail}");
                foreach (var w in report.Warnings) await context.Out.WriteLineAsync($"note {w.Kind}: {w.Location}: {w.Detail}");
                await context.Out.WriteLineAsync($"key: SHA-256 fingerprint {report.KeyFingerprint ?? "(no key: keys/public-key.pem is missing)"}");
                if (anchors.Count > 0) await context.Out.WriteLineAsync($"trusted checkpoints: {anchors.Count} checked");
                var counts = string.Join(", ", report.Checked.Select(c => $"{c.Value} {c.Key}"));
                await context.Out.WriteLineAsync(report.Intact ? $"intact: checked {counts}" : $"{report.Problems.Count} problem(s); checked {counts}");
            }
            return report.Intact ? ExitCodes.Ok : ExitCodes.Damaged;
        }));
        return command;
    }
}
