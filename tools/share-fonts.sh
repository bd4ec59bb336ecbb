#!/usr/bin/env bash
# Rebuilds the TrueType faces the share cards are drawn with (src/share/fonts/*.ttf), from
# Debian's Noto Sans, with the same characters as the web font (tools/subset-fonts.sh):
# resvg reads TrueType/OpenType, not WOFF2, so the cards need their own copy.
#
# Not run by CI: the files are committed (and embedded in the binary by src/share/font.rs).
#   apt-get install fonts-noto-core python3-fonttools
#   tools/share-fonts.sh
# Noto Sans: SIL Open Font License 1.1 (src/share/fonts/LICENSE), no Reserved Font Name.
set -euo pipefail
cd "$(dirname "$0")/.."

src=/usr/share/fonts/truetype/noto
out=src/share/fonts
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# The web font's set (tools/subset-fonts.sh): Latin-1, Vietnamese, punctuation, ₫ €.
unicodes="U+0000-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0131,U+0152-0153,U+0168-0169,\
U+01A0-01A1,U+01AF-01B0,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0300-0301,U+0303-0304,\
U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+2000-206F,U+20AB,U+20AC,U+2122,U+FEFF,U+FFFD"

for face in Regular Bold; do
  "$py" -m fontTools.subset "$src/NotoSans-$face.ttf" \
    --unicodes="$unicodes" \
    --layout-features='*' \
    --no-hinting \
    --desubroutinize \
    --output-file="$out/NotoSans-$face-vi.ttf"
  echo "$out/NotoSans-$face-vi.ttf: $(stat -c %s "$out/NotoSans-$face-vi.ttf") bytes"
done
