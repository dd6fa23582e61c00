using System.Text.Json;
using PolicyArchiver.Cli;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Evidence;

/// <summary>
/// A command never signs a history it cannot vouch for: a ledger rewritten and stripped of its
/// checkpoints stays unsigned, so verify keeps naming it, and the command records nothing.
/// </summary>
public class CheckpointGuardTests
{
    [EmbeddedFact]
    public async Task A_new_archives_first_import_gets_its_checkpoint()
    {
        using var archive = new OfflineArchive();

        var import = await archive.ImportAsync("saved-may");

        Assert.True(import.ExitCode == ExitCodes.Ok, import.Error);
        var head = archive.Scalar("SELECT MAX(seq) FROM ledger");
        Assert.Equal((head, 1L), (archive.Scalar("SELECT MAX(seq) FROM checkpoints"), archive.Scalar("SELECT COUNT(*) FROM checkpoints")));
        Assert.Contains($"checkpoint: ledger entry {head} signed", import.Error);
        var (code, report) = await archive.VerifyAsync();
        Assert.True(code == ExitCodes.Ok, report.ToString());
    }

    [EmbeddedFact]
    public async Task A_back_dated_history_whose_checkpoints_were_deleted_is_not_signed_by_the_next_import()
    {
        using var archive = new OfflineArchive();
        var head = await BackDatedAsync(archive);
        archive.Sql("DELETE FROM checkpoints");

        var problems = await RefusedAsync(archive, $"refusing to sign a checkpoint: ledger entries 1–{head} were recorded before this command and the archive has no checkpoint at all");

        Assert.Contains(problems, p => p is { Kind: "ledger" } && p.Location == $"ledger entries 1–{head}" && p.Detail.Contains("not covered by any checkpoint"));
    }

    [EmbeddedFact]
    public async Task A_ledger_rewritten_under_its_checkpoints_stops_the_next_import_before_it_records_anything()
    {
        using var archive = new OfflineArchive();
        var signedHead = "";
        var head = await BackDatedAsync(archive, seq => signedHead = archive.Text($"SELECT head_hash FROM checkpoints WHERE seq = {seq}"));

        var problems = await RefusedAsync(archive, $"the latest checkpoint signed ledger entry {head} as {signedHead}, but it now hashes to");

        Assert.Contains(problems, p => p is { Kind: "checkpoint" } && p.Location == $"checkpoint at ledger entry {head}" && p.Detail.Contains("the chain was rewritten"));
    }

    [EmbeddedFact]
    public async Task An_archive_made_before_checkpoints_were_kept_is_signed_only_by_verify_sign_uncovered()
    {
        using var archive = new OfflineArchive();
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-may")).ExitCode);
        archive.Sql("DELETE FROM checkpoints"); // as archives were before every write ended with a checkpoint
        var head = archive.Scalar("SELECT MAX(seq) FROM ledger");
        var before = archive.Counts();

        var refused = await archive.ImportAsync("saved-july");
        Assert.Equal(ExitCodes.Damaged, refused.ExitCode);
        Assert.Contains("`policyarchiver verify --sign-uncovered`", refused.Error);
        Assert.Equal(before, archive.Counts());

        // With other damage beside the uncovered entries, nothing is signed.
        var url = archive.Text("SELECT url FROM observations WHERE id = 1");
        archive.Sql("UPDATE observations SET url = 'https://bank.example/elsewhere' WHERE id = 1");
        var (code, report) = await archive.VerifyAsync("--sign-uncovered");
        Assert.Equal(ExitCodes.Damaged, code);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("signed").ValueKind);
        Assert.Equal(0, archive.Scalar("SELECT COUNT(*) FROM checkpoints"));
        archive.Sql($"UPDATE observations SET url = '{url}' WHERE id = 1");

        (code, report) = await archive.VerifyAsync("--sign-uncovered");
        Assert.True(code == ExitCodes.Ok, report.ToString());
        Assert.True(report.GetProperty("intact").GetBoolean());
        var signed = report.GetProperty("signed");
        Assert.Equal((1L, head, report.GetProperty("keyFingerprint").GetString()),
            (signed.GetProperty("from").GetInt64(), signed.GetProperty("to").GetInt64(), signed.GetProperty("keyFingerprint").GetString()));
        Assert.Equal(archive.Text($"SELECT hash FROM ledger WHERE seq = {head}"), signed.GetProperty("head").GetString());
        Assert.Equal(head, archive.Scalar("SELECT seq FROM checkpoints"));

        var import = await archive.ImportAsync("saved-july");
        Assert.True(import.ExitCode == ExitCodes.Ok, import.Error);
        (code, report) = await archive.VerifyAsync();
        Assert.True(code == ExitCodes.Ok, report.ToString());
        Assert.Equal(2, report.GetProperty("checked").GetProperty("checkpoints").GetInt64());
    }

    /// <summary>
    /// Two imports, then the first observation re-dated a month earlier and its entry and every later
    /// one re-hashed; <paramref name="beforeForgery"/> sees the head first. Returns the head.
    /// </summary>
    private static async Task<long> BackDatedAsync(OfflineArchive archive, Action<long>? beforeForgery = null)
    {
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-may")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await archive.ImportAsync("saved-july")).ExitCode);
        var head = archive.Scalar("SELECT MAX(seq) FROM ledger");
        beforeForgery?.Invoke(head);
        var at = archive.Text("SELECT at FROM observations WHERE id = 1");
        Assert.StartsWith("2024-05-01", at);
        archive.Sql($"UPDATE observations SET at = '{at.Replace("2024-05-01", "2024-04-01")}' WHERE id = 1");
        BehindItsBack.RehashLedger(archive.ArchiveDirectory, archive.Scalar("SELECT seq FROM ledger WHERE subject = 'observation:1'"),
            json => json.Replace("\"at\":\"2024-05-01", "\"at\":\"2024-04-01"));
        return head;
    }

    /// <summary>The next import refuses, naming why and the way out, and records nothing; returns what verify then finds.</summary>
    private static async Task<List<(string Kind, string Location, string Detail)>> RefusedAsync(OfflineArchive archive, string why)
    {
        var before = archive.Counts();
        var import = await archive.ImportAsync("saved-september");
        Assert.Equal(ExitCodes.Damaged, import.ExitCode);
        Assert.Contains(why, import.Error);
        Assert.Contains("Run `policyarchiver verify`", import.Error);
        Assert.Equal(before, archive.Counts());
        var (code, report) = await archive.VerifyAsync();
        Assert.Equal(ExitCodes.Damaged, code);
        return OfflineArchive.Problems(report);
    }
}
