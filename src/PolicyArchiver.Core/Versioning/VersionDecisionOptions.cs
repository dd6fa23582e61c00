namespace PolicyArchiver.Versioning;

/// <summary>How <see cref="VersionDecision.Decide"/> reads the two texts.</summary>
/// <param name="Canonical">
/// The canonical form of a text (<see cref="CanonicalText.Of"/> by default): a history rebuild
/// passes a cached one, since it compares each text with the one before and after it.
/// </param>
/// <param name="Known">The noise model before a confirming fetch was learned (see <see cref="NoiseModel.Covers"/>).</param>
/// <param name="Technical">The rules or the extractor changed: any difference is a (technical) version, whatever the noise.</param>
internal readonly record struct VersionDecisionOptions(Func<string, string>? Canonical = null, NoiseModel? Known = null, bool Technical = false);
