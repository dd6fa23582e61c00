namespace PolicyArchiver.Insight.Language;

/// <summary>
/// Which fraction (0–1) of a text's classified letters is in each language, so a reader sees
/// "kk 12%, ru 88%" rather than a bare verdict. The three add up to 1, or are all 0 for a text
/// with no classifiable line.
/// </summary>
internal sealed record LanguageShares(double Kk, double Ru, double En)
{
    public static readonly LanguageShares None = new(0, 0, 0);

    /// <summary>The share of one of <see cref="DetectedLanguages.Measured"/>; 0 for any other code.</summary>
    public double Of(string language) => language switch
    {
        DetectedLanguages.Kazakh => Kk,
        DetectedLanguages.Russian => Ru,
        DetectedLanguages.English => En,
        _ => 0,
    };

    /// <summary>"kk 12%, ru 88%": the languages present, largest first, whole percents.</summary>
    public override string ToString()
    {
        var parts = DetectedLanguages.Measured
            .Select(l => (Language: l, Share: Of(l)))
            .Where(p => p.Share > 0)
            .OrderByDescending(p => p.Share)
            .Select(p => $"{p.Language} {Percent(p.Share)}%");
        return string.Join(", ", parts);
    }

    /// <summary>A share as whole percents, never rounded to 0 or 100 when it is not exactly that.</summary>
    public static int Percent(double share) =>
        share <= 0 ? 0 : share >= 1 ? 100 : Math.Clamp((int)Math.Round(share * 100, MidpointRounding.AwayFromZero), 1, 99);
}
