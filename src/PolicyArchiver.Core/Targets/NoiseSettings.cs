using System.Text.RegularExpressions;

namespace PolicyArchiver.Targets;

/// <summary>
/// A document's overrides of learned noise: <see cref="Learn"/> false compares every capture
/// exactly (nothing is masked); a difference whose old or new value matches a <see cref="Keep"/>
/// pattern is always a change, however volatile its place has been.
/// </summary>
internal sealed record NoiseSettings(bool Learn, IReadOnlyList<string> Keep)
{
    public static readonly NoiseSettings Default = new(true, []);

    public bool Keeps(string value) =>
        Keep.Any(p => Regex.IsMatch(value, p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
