using Prefix.Feeds.Model;

namespace Prefix.Feeds.Parsing;

/// <summary>Channel-level values as they are read, before the precedence rules pick one per field.</summary>
internal sealed class FeedDraft
{
    public string? Title { get; set; }
    public string? ItunesTitle { get; set; }
    public string? Description { get; set; }
    public string? ItunesSummary { get; set; }
    public string? Link { get; set; }
    public string? Language { get; set; }
    public string? ItunesAuthor { get; set; }
    public string? ManagingEditor { get; set; }
    public string? AtomAuthor { get; set; }
    public string? OwnerName { get; set; }
    public string? OwnerEmail { get; set; }
    public string? ItunesImage { get; set; }
    public string? RssImage { get; set; }
    public List<string> Categories { get; } = [];
    public bool? Explicit { get; set; }
    public string? Type { get; set; }
    public string? Medium { get; set; }
    public bool Locked { get; set; }
    public string? NewFeedUrl { get; set; }
    public bool Complete { get; set; }
    public string? PodcastGuid { get; set; }
    public List<FeedFunding>? Funding { get; set; }
    public List<FeedPerson>? Persons { get; set; }
    public FeedValue? Value { get; set; }
    public FeedUpdateFrequency? UpdateFrequency { get; set; }
    public int? TtlMinutes { get; set; }
    public List<EpisodeDraft> Episodes { get; } = [];

    public void AddCategory(string category)
    {
        if (!Categories.Contains(category))
        {
            Categories.Add(category);
        }
    }
}
