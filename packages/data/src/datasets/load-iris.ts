import { type LoadTableOptions, type TableDataset, parseTable } from './table';
import { IRIS_ROWS } from './tables/iris';

/**
 * Fisher's iris flowers: 150 samples, 4 measurements in cm (sepal length, sepal width, petal length,
 * petal width), 3 classes of 50 (setosa, versicolor, virginica), in that order. scikit-learn's copy,
 * which corrects samples 35 and 38 to Fisher's paper (the UCI file differs there).
 * Licence: CC BY 4.0 (UCI Machine Learning Repository, doi:10.24432/C56C76).
 * @see R. A. Fisher, "The use of multiple measurements in taxonomic problems", Annals of Eugenics 7(2), 1936
 */
export function loadIris(options: LoadTableOptions = {}): TableDataset {
  return parseTable(
    'loadIris',
    IRIS_ROWS,
    ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
    ['setosa', 'versicolor', 'virginica'],
    options,
  );
}
