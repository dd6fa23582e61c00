using System.Diagnostics;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Tests.Support;
using Xunit.Abstractions;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>SIGKILL at any moment leaves an archive that opens, verifies and carries on.</summary>
public class CrashSafetyTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const int Kills = 10;

    [Fact]
    public async Task Killing_the_archiver_at_random_points_never_loses_or_corrupts_committed_evidence()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var program = Path.Combine(AppContext.BaseDirectory, "policyarchiver");
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var committed = new HashSet<long>();
        var v1Recorded = false;
        await temp.KeepOnlyAsync(tenant, ("testbank/privacy-policy-ru", null), ("testbank/privacy-policy-kk", null), ("testbank/user-agreement-ru", null),
            ("testbank/public-offer-ru", null), ("testbank/personal-data-policy-kk", null));

        for (var i = 0; i < Kills; i++)
        {
            if (i == Kills / 2)
            {
                tenant.Phase = "v2"; // kills during captures that record new versions too
                // On a slow machine every run of the first half may be killed before this document's first capture.
                using var before = await TestStorage.OpenReadOnlyAsync(temp.ArchiveDirectory);
                v1Recorded = (await before.Catalog.GetVersionsAsync("testbank/privacy-policy-ru")).Count == 1;
            }
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "capture", "--loopback-only", "--only", "testbank", "--concurrency", "2",
                         "--archive", temp.ArchiveDirectory, "--targets", temp.TargetsFile })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var delay = random.Next(200, 6000);
            var exited = process.WaitForExit(delay);
            if (!exited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine($"run {i}: {(exited ? "finished" : $"killed after {delay} ms")}");

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using var archive = await TestStorage.OpenReadOnlyAsync(temp.ArchiveDirectory);
            var report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
            Assert.True(report.Intact, $"after run {i}: " + string.Join("; ", report.Problems.Select(p => $"{p.Kind} {p.Location}: {p.Detail}")));
            var now = new HashSet<long>();
            foreach (var document in await archive.Catalog.GetDocumentsAsync())
                foreach (var o in await archive.Catalog.GetObservationsAsync(document))
                    now.Add(o.Id);
            Assert.Superset(committed, now);
            committed = now;
        }

        // And it carries on: a full round completes on the same archive, still intact.
        var finish = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", "testbank");
        Assert.True(finish.ExitCode == 0, finish.Error);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var final = await TestStorage.OpenReadOnlyAsync(temp.ArchiveDirectory);
        var last = await new ArchiveVerifier(final).VerifyAsync(null, CancellationToken.None);
        Assert.True(last.Intact, string.Join("; ", last.Problems.Select(p => $"{p.Kind} {p.Location}: {p.Detail}")));
        var versions = await final.Catalog.GetVersionsAsync("testbank/privacy-policy-ru");
        Assert.Equal(v1Recorded ? 2 : 1, versions.Count);
        Assert.Contains("5.2. Срок хранения персональных данных составляет 5 лет", await final.ReadTextAsync(versions[^1]));
    }
}
