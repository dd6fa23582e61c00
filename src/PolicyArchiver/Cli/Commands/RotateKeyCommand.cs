using System.CommandLine;
using PolicyArchiver.Evidence;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class RotateKeyCommand
{
    private sealed record RotationJson(string OldKeyFingerprint, string NewKeyFingerprint, long RotationEntry, long Checkpoint, string RetiredPublicKey, string RetiredPrivateKey);

    public static Command Create(Handler handler)
    {
        var command = new Command("rotate-key", "Replace the archive's signing key: the old key signs the current history and a key rotation the ledger records, the new key signs from there on; the old key files are kept in keys/retired/")
        {
            GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenArchiveAsync(ct);
            var start = await LedgerStart.ReadAsync(archive.Catalog, ct);
            using var http = new HttpClient();
            var tsa = context.TsaUrl is { } url ? new TimestampAuthority(http, url) : null;
            KeyRotator.Result result;
            try
            {
                result = await new KeyRotator(archive.Catalog, archive.Key, archive.KeysDirectory, context.Time, tsa).RotateAsync(start, ct);
            }
            catch (UnvouchedHistoryException e)
            {
                throw new CliException(ExitCodes.Damaged, e.Message);
            }
            var retired = Path.Combine(archive.KeysDirectory, ArchiveKey.RetiredDirectory);
            var json = new RotationJson(result.Rotation.OldKeySha256, result.Rotation.NewKeySha256, result.Entry.Seq, result.Checkpoint.Seq,
                Path.Combine(retired, $"{result.Rotation.OldKeySha256}.pem"), Path.Combine(retired, $"{result.Rotation.OldKeySha256}.private.pem"));
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(json));
                return ExitCodes.Ok;
            }
            await context.Out.WriteLineAsync($"old key: SHA-256 fingerprint {json.OldKeyFingerprint}");
            await context.Out.WriteLineAsync($"new key: SHA-256 fingerprint {json.NewKeyFingerprint}");
            await context.Out.WriteLineAsync($"key rotation recorded as ledger entry {json.RotationEntry}, signed by the old key; checkpoint at ledger entry {json.Checkpoint} signed by the new key");
            await context.Out.WriteLineAsync($"the old key is kept: {json.RetiredPublicKey}, and its private key {json.RetiredPrivateKey} (destroy it when you no longer need it)");
            await context.Out.WriteLineAsync("keep the new fingerprint where you kept the old one: verify --expect-key checks the key in force");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
