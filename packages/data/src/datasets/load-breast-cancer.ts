import { type LoadTableOptions, type TableDataset, parseTable } from './table';
import { BREAST_CANCER_ROWS } from './tables/breast-cancer';

const measures = [
  'radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave points',
  'symmetry', 'fractal dimension',
];

/**
 * Breast Cancer Wisconsin (Diagnostic): 569 fine-needle aspirates, 30 features of their cell nuclei
 * (the mean, standard error and worst value of ten measures), labelled malignant (0, 212 samples) or
 * benign (1, 357). Licence: CC BY 4.0 (UCI Machine Learning Repository, doi:10.24432/C5DW2B).
 * @see W. N. Street, W. H. Wolberg, O. L. Mangasarian, "Nuclear feature extraction for breast tumor diagnosis", SPIE 1905, 1993
 */
export function loadBreastCancer(options: LoadTableOptions = {}): TableDataset {
  return parseTable(
    'loadBreastCancer',
    BREAST_CANCER_ROWS,
    [...measures.map((m) => `mean ${m}`), ...measures.map((m) => `${m} error`), ...measures.map((m) => `worst ${m}`)],
    ['malignant', 'benign'],
    options,
  );
}
