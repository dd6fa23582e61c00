namespace PolicyArchiver.Insight.Language;

/// <summary>
/// The language a text is written in, with the shares it was decided from. Derived from a
/// version's text whenever needed, never stored: versions are derived data already.
/// </summary>
/// <param name="Language">One of <see cref="DetectedLanguages"/>.</param>
/// <param name="Letters">How many letters were classified (lines of digits and URLs are left out).</param>
internal sealed record LanguageDetection(string Language, LanguageShares Shares, int Letters)
{
    /// <summary>
    /// A bilingual page serves a declared language when that language holds at least this share of
    /// its letters. A page carrying the whole policy in two languages gives each 35–65%; site
    /// chrome or a few quoted terms in another language stay well below 30%.
    /// </summary>
    public const double SubstantialShare = 0.30;

    /// <summary>
    /// Whether a page declared (in targets.json) to be in <paramref name="declared"/> does serve
    /// that language. Benefit of the doubt where the detector cannot tell: for a text too short to
    /// judge, and for declared languages other than kk, ru and en (the detector would call a German
    /// page "en" and a Kyrgyz one "kk").
    /// </summary>
    public bool Serves(string declared)
    {
        if (Language == DetectedLanguages.Unknown || !DetectedLanguages.Measured.Contains(declared)) return true;
        if (Language == declared) return true;
        return Language == DetectedLanguages.Mixed && Shares.Of(declared) >= SubstantialShare;
    }

    /// <summary>"kk (96%)", "mixed (kk 48%, ru 52%)" or "unknown".</summary>
    public string Describe() => Language switch
    {
        DetectedLanguages.Unknown => Language,
        DetectedLanguages.Mixed => $"{Language} ({Shares})",
        _ => $"{Language} ({LanguageShares.Percent(Shares.Of(Language))}%)",
    };
}
