#!/usr/bin/env bash
# Rebuilds the theme's web font, themes/default/static/fonts/*.woff2, from Debian's Noto Sans.
#
# Not run by CI: the WOFF2 files are committed. Run it again only to change the set of
# characters or the font version:
#   apt-get install fonts-noto-core python3-fonttools python3-brotli
#   tools/subset-fonts.sh
#
# Noto Sans (SIL Open Font License 1.1, no Reserved Font Name: a subset may keep the name) is
# cut down to Latin and Vietnamese, so every visitor's device shows the same letters
# (ế, ả, ự, đ, Ư …) and a printed PDF extracts whole words. Hinting is dropped (a third of the
# size; modern screens do without). Weights: regular (400) and bold (700; the theme's 600
# and 800 use it); italic for <em>. fonts/fonts.css beside the files declares them.
set -euo pipefail
cd "$(dirname "$0")/.."

src=/usr/share/fonts/truetype/noto
out=themes/default/static/fonts
# Debian's python3 has fontTools; a pyenv or venv python on PATH may not.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# Basic Latin and Latin-1; Vietnamese (the letters with horn and breve, đ, ĩ ũ, the combining
# tone marks for text that is not NFC, the block U+1EA0–1EF9, ₫); general punctuation
# (– — ‘ ’ “ ” … • ‹ ›), € ™ and the replacement character.
unicodes="U+0000-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0131,U+0152-0153,U+0168-0169,\
U+01A0-01A1,U+01AF-01B0,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0300-0301,U+0303-0304,\
U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+2000-206F,U+20AB,U+20AC,U+2122,U+FEFF,U+FFFD"

for face in Regular Bold Italic; do
  lower=$(echo "$face" | tr '[:upper:]' '[:lower:]')
  "$py" -m fontTools.subset "$src/NotoSans-$face.ttf" \
    --unicodes="$unicodes" \
    --layout-features='*' \
    --no-hinting \
    --desubroutinize \
    --flavor=woff2 \
    --output-file="$out/noto-sans-$lower.woff2"
  echo "$out/noto-sans-$lower.woff2: $(stat -c %s "$out/noto-sans-$lower.woff2") bytes"
done

# The licence travels with the fonts: the OFL text as Debian ships it for Noto.
{
  echo "Noto Sans (regular, bold, italic), subset to Latin and Vietnamese by tools/subset-fonts.sh"
  echo "from Debian's fonts-noto-core $(dpkg-query -W -f='${Version}' fonts-noto-core 2>/dev/null || echo '?')."
  echo
  # The font's own copyright notice (name ID 0).
  "$py" -c 'import sys; from fontTools.ttLib import TTFont; print(TTFont(sys.argv[1])["name"].getDebugName(0))' \
    "$src/NotoSans-Regular.ttf"
  echo
  echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
  echo "This license is copied below, and is also available with a FAQ at:"
  echo "https://openfontlicense.org"
  echo
  # The licence paragraph of /usr/share/doc/fonts-noto-core/copyright, without its " ." blanks
  # and leading space (Debian's copyright format).
  awk '/^License: OFL-1.1$/ { on = 1; next }
       on && /^ / { sub(/^ /, ""); if ($0 == ".") $0 = ""; print; next }
       on && /^[^ ]/ { on = 0 }' \
    /usr/share/doc/fonts-noto-core/copyright
} > "$out/LICENSE"
