#!/usr/bin/env python3
"""Writes Feeds/large-5000-items.xml once (deterministic; re-running gives the same bytes).

A big but ordinary show: 5,000 small items, newest first, one every 2 days, with the fields a real host
writes (guid, pubDate, enclosure, itunes:duration/episode/episodeType, a short description).
"""
import datetime, os

here = os.path.dirname(os.path.abspath(__file__))
start = datetime.datetime(2025, 1, 6, 10, 0, 0, tzinfo=datetime.timezone.utc)
lines = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">',
         '<channel>',
         '<title>Five Thousand Episodes</title>',
         '<link>https://large.example.com/</link>',
         '<description>A long-running daily-ish show used for the 5,000-item golden test and benchmark.</description>',
         '<language>en</language>',
         '<itunes:author>Large Host</itunes:author>',
         '<itunes:image href="https://large.example.com/cover.jpg"/>',
         '<itunes:category text="News"><itunes:category text="Daily News"/></itunes:category>']
for n in range(5000, 0, -1):
    published = start - datetime.timedelta(days=2 * (5000 - n))
    date = published.strftime('%a, %d %b %Y %H:%M:%S +0000')
    minutes, seconds = 20 + n % 40, n % 60
    lines.append(
        f'<item><title>Episode {n}</title><guid isPermaLink="false">large-{n}</guid><pubDate>{date}</pubDate>'
        f'<description>Notes for episode {n}.</description>'
        f'<enclosure url="https://cdn.example.com/large/{n}.mp3" length="{1000000 + n * 997}" type="audio/mpeg"/>'
        f'<itunes:duration>{minutes}:{seconds:02d}</itunes:duration><itunes:episode>{n}</itunes:episode></item>')
lines += ['</channel>', '</rss>', '']
with open(os.path.join(here, 'Feeds', 'large-5000-items.xml'), 'w', encoding='utf-8', newline='\n') as out:
    out.write('\n'.join(lines))
