using System.Text;
using System.Text.Json;
using PolicyArchiver.Archiving;
using PolicyArchiver.Cli;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Evidence;

/// <summary>
/// A key rotation is a ledger entry signed by the old key: verify follows the keys from one to the
/// next, and a key swapped in any other way signs nothing valid.
/// </summary>
public class KeyRotationTests
{
    [EmbeddedFact]
    public async Task After_rotate_key_verify_accepts_the_old_keys_checkpoints_before_it_and_the_new_keys_after_it()
    {
        using var archive = new OfflineArchive();
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-may")).ExitCode);
        var (_, before) = await archive.VerifyAsync();
        var old = before.GetProperty("keyFingerprint").GetString()!;

        var rotated = await archive.RunAsync("rotate-key", "--json");

        Assert.True(rotated.ExitCode == ExitCodes.Ok, rotated.Error);
        var rotation = JsonDocument.Parse(rotated.Out).RootElement;
        var next = rotation.GetProperty("newKeyFingerprint").GetString()!;
        var entry = rotation.GetProperty("rotationEntry").GetInt64();
        Assert.Equal(old, rotation.GetProperty("oldKeyFingerprint").GetString());
        Assert.NotEqual(old, next);
        Assert.Equal((entry, "key-rotation"), (archive.Scalar("SELECT MAX(seq) FROM ledger"), archive.Text($"SELECT kind FROM ledger WHERE seq = {entry}")));
        Assert.Equal(entry, rotation.GetProperty("checkpoint").GetInt64());
        var keys = Path.Combine(archive.ArchiveDirectory, "keys");
        Assert.Equal(old, ArchiveKey.PublicKeySha256Of(await File.ReadAllTextAsync(Path.Combine(keys, "retired", $"{old}.pem"))));
        Assert.True(File.Exists(Path.Combine(keys, "retired", $"{old}.private.pem")));
        Assert.Equal(next, ArchiveKey.PublicKeySha256Of(await File.ReadAllTextAsync(Path.Combine(keys, "public-key.pem"))));
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-july")).ExitCode);

        var (code, report) = await archive.VerifyAsync("--expect-key", next);
        Assert.True(code == ExitCodes.Ok, report.ToString());
        Assert.Equal(next, report.GetProperty("keyFingerprint").GetString());
        Assert.Equal([(old, (long?)null, (long?)entry), (next, entry, null)], KeyHistory(report));
        Assert.Equal(3, report.GetProperty("checked").GetProperty("checkpoints").GetInt64());
        Assert.Equal([old, next, next], Signers(archive));
        // --expect-key names the key in force, not one retired.
        (code, report) = await archive.VerifyAsync("--expect-key", old);
        Assert.Equal(ExitCodes.Damaged, code);
        Assert.Contains(OfflineArchive.Problems(report), p => p is { Kind: "key", Location: "keys/public-key.pem" } && p.Detail.Contains($"expected {old}"));
        var text = await archive.RunAsync("verify");
        Assert.Contains($"key {old}: the archive's first key, retired at ledger entry {entry}", text.Out);
        Assert.Contains($"key {next}: from the key rotation at ledger entry {entry}, in force", text.Out);
    }

    [EmbeddedFact]
    public async Task A_key_swapped_in_without_a_rotation_or_a_retired_key_signing_after_its_rotation_fails_verify_naming_the_checkpoint()
    {
        using var archive = new OfflineArchive();
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-may")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await archive.RunAsync("rotate-key")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-july")).ExitCode);
        var entry = archive.Scalar("SELECT seq FROM ledger WHERE kind = 'key-rotation'");
        var checkpoints = Checkpoints(archive);
        var keys = Path.Combine(archive.ArchiveDirectory, "keys");
        var old = Signers(archive)[0];

        // The retired key, still on disk, signs the newest checkpoint again.
        var retired = Copy(archive.ArchiveDirectory);
        using (var oldKey = ArchiveKey.LoadOrCreate(KeyDirectoryOf(retired, old)))
            Resign(retired, checkpoints[^1], oldKey);
        var (code, report) = await VerifyAsync(retired);
        Assert.Equal(ExitCodes.Damaged, code);
        Assert.Contains(OfflineArchive.Problems(report), p => p is { Kind: "checkpoint" } && p.Location == $"checkpoint at ledger entry {checkpoints[^1].Seq}" &&
                                                              p.Detail.Contains($"signed by key {old}, retired by the key rotation at ledger entry {entry}"));

        // A fresh key pair put in place of the archive's, every checkpoint signed again with it.
        using var forged = ArchiveKey.Generate();
        File.WriteAllText(Path.Combine(keys, "public-key.pem"), forged.PublicKeyPem);
        foreach (var c in checkpoints) Resign(archive.ArchiveDirectory, c, forged);
        (code, report) = await archive.VerifyAsync();
        Assert.Equal(ExitCodes.Damaged, code);
        var problems = OfflineArchive.Problems(report);
        Assert.Contains(problems, p => p is { Kind: "key", Location: "keys/public-key.pem" } && p.Detail.Contains($"the archive's key {forged.PublicKeySha256} was not introduced by any key rotation"));
        foreach (var c in checkpoints)
            Assert.Contains(problems, p => p is { Kind: "checkpoint" } && p.Location == $"checkpoint at ledger entry {c.Seq}" &&
                                           p.Detail.Contains($"signed by key {forged.PublicKeySha256}, which no key rotation introduced"));
    }

    [EmbeddedFact]
    public async Task A_key_rotation_not_signed_by_the_old_key_fails_verify()
    {
        using var archive = new OfflineArchive();
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-may")).ExitCode);
        var keys = Path.Combine(archive.ArchiveDirectory, "keys");
        using var current = ArchiveKey.LoadOrCreate(keys);
        using var forged = ArchiveKey.Generate();
        // A rotation that names the archive's key as the old one, but is signed by the key it installs.
        var at = DateTimeOffset.UtcNow;
        var statement = KeyRotation.StatementOf(current.PublicKeySha256, forged.PublicKeySha256, forged.PublicKeyPem, at);
        var rotation = new KeyRotation(current.PublicKeySha256, forged.PublicKeySha256, current.PublicKeyPem, forged.PublicKeyPem, at, statement, forged.Sign(Encoding.UTF8.GetBytes(statement)));
        Assert.Equal($"its signature is not by the old key {current.PublicKeySha256}", rotation.Flaw());
        long entry;
        using (var opened = await TestStorage.OpenAsync(archive.ArchiveDirectory))
        {
            var start = await LedgerStart.ReadAsync(opened.Catalog, CancellationToken.None);
            entry = (await opened.Catalog.RecordKeyRotationAsync(rotation)).Seq;
            ArchiveKey.Install(keys, current, forged);
            await new Checkpointer(opened.Catalog, forged, TimeProvider.System).CheckpointAsync(start, CancellationToken.None);
        }

        var (code, report) = await archive.VerifyAsync();

        Assert.Equal(ExitCodes.Damaged, code);
        var problems = OfflineArchive.Problems(report);
        Assert.Contains(problems, p => p is { Kind: "key" } && p.Location == $"ledger entry {entry}" && p.Detail.Contains($"its signature is not by the old key {current.PublicKeySha256}"));
        Assert.Contains(problems, p => p is { Kind: "checkpoint" } && p.Location == $"checkpoint at ledger entry {entry}" && p.Detail.Contains("which no key rotation introduced"));
    }

    private static List<(string?, long?, long?)> KeyHistory(JsonElement report) =>
        report.GetProperty("keyHistory").EnumerateArray().Select(k => (k.GetProperty("fingerprint").GetString(),
            k.GetProperty("introducedAt").ValueKind == JsonValueKind.Null ? (long?)null : k.GetProperty("introducedAt").GetInt64(),
            k.GetProperty("retiredAt").ValueKind == JsonValueKind.Null ? (long?)null : k.GetProperty("retiredAt").GetInt64())).ToList();

    private static List<Checkpoint> Checkpoints(OfflineArchive archive)
    {
        using var opened = Archive.OpenEmbeddedReadOnly(archive.ArchiveDirectory, TimeProvider.System);
        return opened.Catalog.GetCheckpointsAsync().GetAwaiter().GetResult().ToList();
    }

    private static List<string> Signers(OfflineArchive archive) => Checkpoints(archive).Select(c => PublishedCheckpoint.KeyOf(c.Statement)).ToList();

    private static void Resign(string archiveDirectory, Checkpoint c, ArchiveKey key)
    {
        var statement = Checkpointer.Statement(c.Seq, c.HeadHash, c.At, key.PublicKeySha256);
        var signature = key.Sign(Encoding.UTF8.GetBytes(statement));
        Assert.Equal([1], BehindItsBack.Sql(archiveDirectory, $"UPDATE checkpoints SET statement = '{statement}', signature = X'{Convert.ToHexString(signature)}' WHERE seq = {c.Seq}"));
    }

    /// <summary>A directory holding the retired key pair under the names <see cref="ArchiveKey.LoadOrCreate"/> reads.</summary>
    private static string KeyDirectoryOf(string archiveDirectory, string fingerprint)
    {
        var directory = Path.Combine(archiveDirectory, "..", $"old-key-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var retired = Path.Combine(archiveDirectory, "keys", "retired");
        File.Copy(Path.Combine(retired, $"{fingerprint}.private.pem"), Path.Combine(directory, ArchiveKey.PrivateKeyFile));
        File.Copy(Path.Combine(retired, $"{fingerprint}.pem"), Path.Combine(directory, ArchiveKey.PublicKeyFile));
        return directory;
    }

    private static string Copy(string archiveDirectory)
    {
        var copy = Path.Combine(archiveDirectory, "..", $"copy-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(archiveDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(archiveDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    private static async Task<(int Code, JsonElement Report)> VerifyAsync(string archiveDirectory)
    {
        var result = await Support.Cli.RunAsync("verify", "--json", "--archive", archiveDirectory);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (result.ExitCode, JsonDocument.Parse(result.Out).RootElement);
    }
}
