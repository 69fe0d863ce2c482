//! The data operations of the unlocked profile — expenses, categories, the home figures — as
//! methods on the shell's state: each parses its DTO, calls `coffer_ledger` under the session
//! lock, and maps the result back. All of them refuse while locked.

use coffer_ledger::query::{self, Filter};
use coffer_ledger::{CategoryId, Currency, Date, ExpenseFields, ExpenseId, ExpenseText, money};
use coffer_ledger::{category, expense};

use crate::dto::{
    CategoryInput, CategoryList, CategoryView, DeleteCategoryRequest, ExpenseFilter, ExpenseInput,
    ExpensePage, ExpensePageRequest, ExpenseView, HomeOverview, Totals, UpdateExpenseRequest,
};
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Unlocked, now};

/// How many deleted expenses Undo can bring back in one session.
const UNDO_DEPTH: usize = 20;

fn invalid_filter(message: String) -> AppError {
    AppError::new(ErrorCode::InvalidFilter, message)
}

/// Parses a `YYYY-MM-DD` filter bound.
fn filter_date(text: Option<&str>, label: &str) -> Result<Option<Date>, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|err| invalid_filter(format!("The {label} date: {err}."))),
    }
}

/// Parses an amount filter bound in the profile's currency.
fn filter_amount(
    text: Option<&str>,
    label: &str,
    currency: Currency,
) -> Result<Option<i64>, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => money::parse_amount(text, currency)
            .map(Some)
            .map_err(|err| invalid_filter(format!("The {label} amount: {err}."))),
    }
}

/// The ledger's filter from its wire form, amounts read in the profile's `currency`.
pub(crate) fn filter(dto: &ExpenseFilter, currency: Currency) -> Result<Filter, AppError> {
    Ok(Filter {
        from: filter_date(dto.from.as_deref(), "start")?,
        to: filter_date(dto.to.as_deref(), "end")?,
        categories: dto.categories.iter().copied().map(CategoryId).collect(),
        min_amount: filter_amount(dto.min_amount.as_deref(), "smallest", currency)?,
        max_amount: filter_amount(dto.max_amount.as_deref(), "largest", currency)?,
        text: dto.text.clone(),
    })
}

fn fields(input: &ExpenseInput, currency: Currency) -> Result<ExpenseFields, AppError> {
    let text = ExpenseText {
        date: &input.date,
        amount: &input.amount,
        category: CategoryId(input.category_id),
        description: &input.description,
        notes: &input.notes,
        payment_method: &input.payment_method,
    };
    Ok(ExpenseFields::parse(&text, currency)?)
}

fn category_list(unlocked: &Unlocked) -> Result<CategoryList, AppError> {
    let conn = unlocked.session.connection();
    Ok(CategoryList {
        categories: category::list(conn)?
            .into_iter()
            .map(CategoryView::from)
            .collect(),
        last_used: category::last_used(conn)?.map(|id| id.0),
    })
}

impl AppState {
    /// Every category, with usage and the add form's default.
    pub fn categories(&self) -> Result<CategoryList, AppError> {
        self.with_session(|u| category_list(u))
    }

    /// Creates a category; returns the new list.
    pub fn create_category(&self, input: CategoryInput) -> Result<CategoryList, AppError> {
        self.with_session(|u| {
            category::create(
                u.session.connection_mut(),
                &input.name,
                &input.color,
                now().0,
            )?;
            category_list(u)
        })
    }

    /// Renames and recolours a category; returns the new list.
    pub fn update_category(&self, id: i64, input: CategoryInput) -> Result<CategoryList, AppError> {
        self.with_session(|u| {
            category::update(
                u.session.connection_mut(),
                CategoryId(id),
                &input.name,
                &input.color,
            )?;
            category_list(u)
        })
    }

    /// Deletes a category, moving its expenses; returns the new list.
    pub fn delete_category(
        &self,
        request: DeleteCategoryRequest,
    ) -> Result<CategoryList, AppError> {
        self.write(|u| {
            category::delete(
                u.session.connection_mut(),
                CategoryId(request.id),
                request.move_to.map(CategoryId),
                now().0,
            )?;
            category_list(u)
        })
    }

    /// Records an expense.
    pub fn add_expense(&self, input: ExpenseInput) -> Result<ExpenseView, AppError> {
        self.write(|u| {
            let fields = fields(&input, u.currency)?;
            Ok(expense::add(u.session.connection_mut(), &fields, now().0)?.into())
        })
    }

    /// Changes an expense.
    pub fn update_expense(&self, request: UpdateExpenseRequest) -> Result<ExpenseView, AppError> {
        self.write(|u| {
            let fields = fields(&request.input, u.currency)?;
            let id = ExpenseId(request.id);
            Ok(expense::update(u.session.connection_mut(), id, &fields, now().0)?.into())
        })
    }

    /// Deletes an expense, keeping it in memory for [`AppState::undo_delete`].
    pub fn delete_expense(&self, id: i64) -> Result<ExpenseView, AppError> {
        self.write(|u| {
            let deleted = expense::delete(u.session.connection_mut(), ExpenseId(id))?;
            if u.deleted.len() == UNDO_DEPTH {
                u.deleted.remove(0);
            }
            u.deleted.push(deleted.clone());
            Ok(deleted.into())
        })
    }

    /// Puts back an expense deleted in this session, exactly as it was.
    pub fn undo_delete(&self, id: i64) -> Result<ExpenseView, AppError> {
        self.write(|u| {
            let index = u
                .deleted
                .iter()
                .rposition(|e| e.id == ExpenseId(id))
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NothingToUndo,
                        "That expense can no longer be brought back.",
                    )
                })?;
            let expense = u.deleted[index].clone();
            expense::restore(u.session.connection_mut(), &expense)?;
            u.deleted.remove(index);
            Ok(expense.into())
        })
    }

    /// One page of the expense list.
    pub fn expense_page(&self, request: ExpensePageRequest) -> Result<ExpensePage, AppError> {
        self.with_session(|u| {
            let filter = filter(&request.filter, u.currency)?;
            let limit = usize::try_from(request.limit).unwrap_or(usize::MAX);
            let page = query::page(
                u.session.connection(),
                &filter,
                request.sort(),
                request.cursor(),
                limit,
            )?;
            Ok(page.into())
        })
    }

    /// Count and sum of the filtered expenses.
    pub fn expense_totals(&self, request: ExpenseFilter) -> Result<Totals, AppError> {
        self.with_session(|u| {
            let filter = filter(&request, u.currency)?;
            Ok(query::totals(u.session.connection(), &filter)?.into())
        })
    }

    /// The home screen's figures for the month of `today` (the person's local date, which the
    /// webview knows and the shell does not).
    pub fn home_overview(&self, today: String) -> Result<HomeOverview, AppError> {
        let today: Date = today.parse().map_err(|err| {
            AppError::new(ErrorCode::InvalidRequest, format!("Today's date: {err}."))
        })?;
        self.with_session(|u| {
            let d = query::dashboard(u.session.connection(), today)?;
            Ok(HomeOverview {
                profile_name: u.session.profile().name.clone(),
                month: d.month.to_string(),
                this_month: d.this_month.into(),
                last_month: d.last_month.into(),
                by_category: d.by_category.into_iter().map(Into::into).collect(),
                recent: d.recent.into_iter().map(Into::into).collect(),
                expense_count: d.expense_count,
            })
        })
    }
}
