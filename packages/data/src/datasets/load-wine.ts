import { type LoadTableOptions, type TableDataset, parseTable } from './table';
import { WINE_ROWS } from './tables/wine';

/**
 * Chemical analysis of 178 Italian wines from three cultivars (59, 71 and 48 samples): 13
 * measurements (alcohol … proline) on very different scales, which makes it a good case for
 * standardizing. Licence: CC BY 4.0 (UCI Machine Learning Repository, doi:10.24432/C5PC7J).
 * @see M. Forina et al., PARVUS: an extendable package of programs for data exploration, 1988
 */
export function loadWine(options: LoadTableOptions = {}): TableDataset {
  return parseTable(
    'loadWine',
    WINE_ROWS,
    [
      'alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids',
      'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline',
    ],
    ['class_0', 'class_1', 'class_2'],
    options,
  );
}
