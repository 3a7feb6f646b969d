//! Integration tests: one test binary (it links once), one module per feature.

mod sentence_file;
mod webdriver;
mod workdir;

mod test_align;
mod test_bad_input;
mod test_batch;
mod test_calc;
mod test_cli;
mod test_corpus;
mod test_editor;
mod test_html;
mod test_layout;
mod test_memory;
mod test_office;
mod test_output;
mod test_pair;
mod test_props;
mod test_read;
mod test_report;
mod test_rerun;
mod test_scores;
mod test_shapes;
mod test_split;
mod test_tm;
