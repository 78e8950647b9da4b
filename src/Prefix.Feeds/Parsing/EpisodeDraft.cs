using Prefix.Feeds.Model;

namespace Prefix.Feeds.Parsing;

/// <summary>One item's values as they are read; <see cref="OfferEnclosure"/> applies the enclosure choice.</summary>
internal sealed class EpisodeDraft(int position)
{
    private bool _haveMedia;

    /// <summary>1-based position among the document's items, for warnings.</summary>
    public int Position { get; } = position;

    public bool IsLive { get; init; }
    public string? Guid { get; set; }
    public string? Title { get; set; }
    public string? ItunesTitle { get; set; }
    public string? Description { get; set; }
    public string? ItunesSummary { get; set; }
    public string? ContentEncoded { get; set; }
    public string? PubDate { get; set; }
    public string? DcDate { get; set; }
    public string? Duration { get; set; }
    public string? Explicit { get; set; }
    public string? Episode { get; set; }
    public string? Season { get; set; }
    public string? EpisodeType { get; set; }
    public string? Image { get; set; }
    public string? EnclosureUrl { get; private set; }
    public string? EnclosureType { get; private set; }
    public long? EnclosureLength { get; private set; }

    /// <summary>The first enclosure URL that was refused for not being http(s), for the warning.</summary>
    public string? RefusedEnclosureUrl { get; private set; }

    public List<EpisodeTranscript>? Transcripts { get; set; }
    public EpisodeChapters? Chapters { get; set; }
    public List<FeedPerson>? Persons { get; set; }
    public List<AlternateEnclosure>? AlternateEnclosures { get; set; }

    /// <summary>
    /// Considers one enclosure (RSS enclosure, enc:enclosure or Atom link rel=enclosure). The first one with a
    /// media type (declared, or guessed from the extension when the declared one is missing or
    /// application/octet-stream) wins; failing that, the first http(s) one whose type is unknown, since a
    /// download URL without an extension may still be the audio. Explicitly non-media enclosures (image/jpeg,
    /// application/pdf) are never chosen.
    /// </summary>
    public void OfferEnclosure(string? url, string? type, string? length)
    {
        if (_haveMedia || url is null)
        {
            return;
        }

        var http = FieldValues.HttpUrl(url);
        if (http is null)
        {
            RefusedEnclosureUrl ??= url;
            return;
        }

        var declared = FieldValues.Lower(type);
        var useless = EnclosureRules.IsUselessType(declared);
        var effective = useless ? EnclosureRules.GuessType(http) ?? declared : declared;
        if (effective is not null && EnclosureRules.IsMediaType(effective))
        {
            _haveMedia = true;
        }
        else if (EnclosureUrl is not null || !useless)
        {
            return;
        }

        EnclosureUrl = http;
        EnclosureType = effective;
        EnclosureLength = EnclosureRules.Length(length);
    }
}
