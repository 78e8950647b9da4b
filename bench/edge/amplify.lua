-- Redis script (EVAL) for the ingest part of ./prefix bench edge: appends ARGV[1] copies of the first
-- ARGV[3] real hits already in the stream KEYS[1], each with a fresh hit id, so the ingest sees N
-- distinct hits (the hits table is a ReplacingMergeTree keyed on hit_id: duplicates would merge away).
-- The copy's id keeps the first four groups of the original UUIDv7 (its time) and gets the counter
-- ARGV[2]+i as its last group; the rest of the JSON is byte-identical to what the edge wrote.
local source = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', tonumber(ARGV[3]))
if #source == 0 then
  return redis.error_reply('stream is empty: nothing to copy')
end
local copies = tonumber(ARGV[1])
local counter = tonumber(ARGV[2])
local replaced = 0
for i = 1, copies do
  local fields = source[((i - 1) % #source) + 1][2]
  local args = {}
  for f = 1, #fields, 2 do
    local value = fields[f + 1]
    if fields[f] == 'h' then
      local n
      value, n = string.gsub(value, '"id":"(%x+%-%x+%-%x+%-%x+%-)%x+"', '"id":"%1' .. string.format('%012x', counter + i) .. '"', 1)
      replaced = replaced + n
    end
    args[#args + 1] = fields[f]
    args[#args + 1] = value
  end
  redis.call('XADD', KEYS[1], '*', unpack(args))
end
return replaced
