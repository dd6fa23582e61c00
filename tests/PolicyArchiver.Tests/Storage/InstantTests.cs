using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Storage;

/// <summary>The one format of the instants the archive shows: RFC 3339, UTC with a Z, truncated to the millisecond.</summary>
public class InstantTests
{
    private static readonly DateTimeOffset Morning = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_whole_second_is_written_without_a_fraction()
    {
        Assert.Equal("2025-06-01T09:00:00Z", Instant.Format(Morning));
    }

    [Fact]
    public void A_fraction_is_truncated_to_the_millisecond_never_rounded()
    {
        Assert.Equal("2025-06-01T09:00:00.123Z", Instant.Format(Morning.AddTicks(1_239_999)));
        Assert.Equal("2025-06-01T09:00:00.001Z", Instant.Format(Morning.AddTicks(10_000)));
        Assert.Equal("2025-06-01T09:00:59.999Z", Instant.Format(Morning.AddSeconds(60).AddTicks(-1)));
    }

    [Fact]
    public void Less_than_a_millisecond_is_no_fraction()
    {
        Assert.Equal("2025-06-01T09:00:00Z", Instant.Format(Morning.AddTicks(9_999)));
    }

    [Fact]
    public void An_instant_with_an_offset_is_written_in_utc()
    {
        Assert.Equal("2025-06-01T04:00:00.500Z", Instant.Format(new DateTimeOffset(2025, 6, 1, 9, 0, 0, 500, TimeSpan.FromHours(5))));
    }

    [Theory]
    [InlineData("2025-06-01T09:00:00.123Z", 1_239_999)]
    [InlineData("2025-06-01T09:00:00Z", 9_999)]
    [InlineData("2025-06-01", -324_000_000_000 + 9_999)]
    [InlineData("2025-06-01T09:00:00.1234567Z", 1_234_567)]
    [InlineData("2025-06-01T09:00:00.1230000Z", 1_239_999)]
    [InlineData("2025-06-01T09:00:00.1230001Z", 1_230_001)]
    public void An_upper_bound_on_a_whole_millisecond_covers_that_millisecond_and_a_finer_one_is_exact(string text, long ticks)
    {
        Assert.True(Instant.TryParseThrough(text, out var read));
        Assert.Equal(Morning.AddTicks(ticks), read);
    }

    [Fact]
    public void An_instant_shown_and_read_back_as_an_upper_bound_is_not_before_the_one_kept()
    {
        var kept = Morning.AddTicks(1_234_567);

        Assert.True(Instant.TryParseThrough(Instant.Format(kept), out var read));
        Assert.InRange(read, kept, Morning.AddMilliseconds(124));
    }

    [Theory]
    [InlineData("2025-06-01T09:00:00.1234567Z", 1_234_567)]
    [InlineData("2025-06-01T09:00:00.123Z", 1_230_000)]
    [InlineData("2025-06-01T09:00:00Z", 0)]
    [InlineData("2025-06-01T14:00:00+05:00", 0)]
    [InlineData("2025-06-01T09:00:00", 0)]
    public void Any_iso_8601_instant_is_read_seven_decimals_too_utc_unless_it_has_an_offset(string text, long ticks)
    {
        Assert.True(Instant.TryParse(text, out var read));
        Assert.Equal(Morning.AddTicks(ticks), read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }
}
