using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Cli;

/// <summary>Commands that read an archive never make one, and dates are read one way only.</summary>
public sealed class ReadCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    private string Targets()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "targets.json");
        File.WriteAllText(path, """
            {"companies": [{"id": "bank", "name": "Bank", "sector": "bank", "homepage": "https://bank.kz/",
              "documents": [{"id": "privacy-ru", "type": "privacy-policy", "language": "ru", "url": "https://bank.kz/privacy"}]}]}
            """);
        return path;
    }

    public static readonly TheoryData<string[]> ReadCommands = new()
    {
        new[] { "status" },
        new[] { "changes" },
        new[] { "history", "bank/privacy-ru" },
        new[] { "observations", "bank/privacy-ru" },
        new[] { "show", "bank/privacy-ru" },
        new[] { "noise", "bank/privacy-ru" },
        new[] { "coverage" },
    };

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public async Task A_read_command_on_a_mistyped_archive_is_exit_2_and_creates_nothing(string[] command)
    {
        var missing = Path.Combine(_dir, "archiv");
        var result = await Support.Cli.RunAsync([.. command, "--archive", missing, "--targets", Targets()]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"no archive at {missing}", result.Error);
        Assert.False(Directory.Exists(missing));
    }

    [Theory]
    [InlineData("2026-12-03", 2026, 12, 3)]
    [InlineData("03.12.2026", 2026, 12, 3)]
    [InlineData("13.12.2026", 2026, 12, 13)]
    [InlineData("3.5.2026", 2026, 5, 3)]
    [InlineData("2026-12-03T10:00:00+05:00", 2026, 12, 3)]
    public void Dates_are_iso_8601_or_day_first_never_a_cultures_guess(string text, int year, int month, int day)
    {
        Assert.True(Instant.TryParse(text, out var instant));
        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(instant.UtcDateTime));
    }

    [Theory]
    [InlineData("12/03/2026")]
    [InlineData("2026.12.03")]
    [InlineData("03.13.2026")]
    [InlineData("Dec 3 2026")]
    [InlineData("yesterday")]
    public async Task Anything_else_is_refused_with_the_forms_it_may_take(string text)
    {
        Assert.False(Instant.TryParse(text, out _));
        var archive = Path.Combine(_dir, "archive");
        using (await PolicyArchiver.Archiving.Archive.OpenEmbeddedAsync(archive, TimeProvider.System)) { }
        var result = await Support.Cli.RunAsync("show", "bank/privacy-ru", "--at", text, "--archive", archive, "--targets", Targets());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--at \"{text}\": not an ISO 8601 date or instant, nor a day-first date (e.g. 2026-05-01, 2026-05-01T12:00:00Z or 01.05.2026)", result.Error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
