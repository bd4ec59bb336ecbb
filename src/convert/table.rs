//! Tables from either reader into GFM's shape: a rectangle of one-line cells whose first row
//! is the header. Merged cells become empty cells beside (or under) the merged one, so columns
//! stay in place; a cell's paragraphs and lists are joined into one line; a table of one cell
//! (a frame Word or a web page draws around text) gives its content as ordinary blocks.

use super::model::{Block, Inline, flatten, unbold};

/// One cell as read: its blocks and how many columns and rows it covers.
pub(crate) struct Cell {
    pub(crate) blocks: Vec<Block>,
    pub(crate) colspan: usize,
    pub(crate) rowspan: usize,
}

/// The most columns a table may have (a bigger `colspan` is read as this).
const MAX_COLUMNS: usize = 64;

/// The table's blocks from its rows of cells.
pub(crate) fn build(rows: Vec<Vec<Cell>>) -> Vec<Block> {
    let rows: Vec<Vec<Cell>> = rows.into_iter().filter(|r| !r.is_empty()).collect();
    if rows.len() == 1 && rows[0].len() == 1 {
        return rows.into_iter().flatten().flat_map(|c| c.blocks).collect();
    }
    let mut grid: Vec<Vec<Option<Vec<Inline>>>> = Vec::with_capacity(rows.len());
    // Columns still covered by a cell from a row above: column → rows left.
    let mut pending: Vec<usize> = Vec::new();
    for row in rows {
        let mut out: Vec<Option<Vec<Inline>>> = Vec::new();
        let mut col = 0;
        let mut cells = row.into_iter();
        loop {
            if pending.get(col).copied().unwrap_or(0) > 0 {
                pending[col] -= 1;
                out.push(Some(Vec::new()));
                col += 1;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let span = cell.colspan.clamp(1, MAX_COLUMNS);
            let inlines = flatten(&cell.blocks);
            for k in 0..span {
                if col >= MAX_COLUMNS {
                    break;
                }
                if pending.len() <= col {
                    pending.resize(col + 1, 0);
                }
                pending[col] = cell.rowspan.clamp(1, 1000) - 1;
                out.push(Some(if k == 0 { inlines.clone() } else { Vec::new() }));
                col += 1;
            }
        }
        grid.push(out);
    }
    // The header row is bold on the page already: Word's own bold there would only double it.
    let rows: Vec<Vec<Vec<Inline>>> = grid
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.into_iter()
                .map(Option::unwrap_or_default)
                .map(|c| if i == 0 { unbold(c) } else { c })
                .collect()
        })
        .collect();
    if rows
        .iter()
        .all(|r| r.iter().all(|c| super::model::is_blank(c)))
    {
        return Vec::new();
    }
    vec![Block::Table(rows)]
}
